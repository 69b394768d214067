// The dashboard's charts: recharts (SVG) styled with Mantine's theme colours. Each chart is drawn
// for the eye only (aria-hidden) and comes with the same figures as a visually hidden table named
// after the chart, which screen readers (and the browser tests) read instead.
import { Box, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount, formatOre, formatWholeKronor } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import type { ChartPoint } from './salesRules';

const axisTick = { fontSize: 12, fill: 'var(--mantine-color-gray-7)' };
const gridStroke = 'var(--mantine-color-gray-3)';
const barColor = 'var(--mantine-color-teal-7)';

function PointTooltip({ point }: { point: ChartPoint | undefined }) {
  const t = useT();
  if (point === undefined) return null;
  return (
    <Paper withBorder shadow="sm" px="sm" py={6} radius="sm">
      <Text size="sm" fw={600}>
        {point.label}
      </Text>
      <Text size="sm">{formatOre(point.ore)}</Text>
      <Text size="xs" c="dimmed">
        {t('sales.chart.receipts', { count: point.count })}
      </Text>
    </Paper>
  );
}

/** The figures of a chart as a table only assistive technology sees. */
function HiddenTable({
  label,
  points,
  countLabel,
}: {
  label: string;
  points: readonly ChartPoint[];
  countLabel: string;
}) {
  const t = useT();
  return (
    <VisuallyHidden>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('sales.column.name')}</Table.Th>
            <Table.Th scope="col">{t('sales.column.gross')}</Table.Th>
            <Table.Th scope="col">{countLabel}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {points.map((point) => (
            <Table.Tr key={point.key}>
              <Table.Th scope="row">{point.label}</Table.Th>
              <Table.Td>{formatOre(point.ore)}</Table.Td>
              <Table.Td>{formatCount(point.count)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </VisuallyHidden>
  );
}

/**
 * Amounts per category: columns over time (`columns`, days and hours) or horizontal bars
 * (`bars`, places and terminals, whose names need room).
 */
export function SalesBarChart({
  label,
  points,
  orientation,
  height = 260,
  countLabel,
}: {
  label: string;
  points: readonly ChartPoint[];
  orientation: 'columns' | 'bars';
  height?: number;
  countLabel?: string;
}) {
  const t = useT();
  const data = [...points];
  const barsHeight = Math.max(120, 48 * points.length + 40);
  return (
    <Box data-chart={label}>
      <div
        aria-hidden="true"
        style={{ width: '100%', height: orientation === 'bars' ? barsHeight : height }}
      >
        <ResponsiveContainer width="100%" height="100%">
          {orientation === 'columns' ? (
            <BarChart
              data={data}
              margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid vertical={false} stroke={gridStroke} strokeDasharray="3 3" />
              <XAxis
                dataKey="label"
                tick={axisTick}
                tickLine={false}
                axisLine={{ stroke: gridStroke }}
                interval="preserveStartEnd"
              />
              <YAxis
                tick={axisTick}
                tickLine={false}
                axisLine={false}
                width={84}
                tickFormatter={(kronor: number) => formatWholeKronor(Math.round(kronor * 100))}
              />
              <Tooltip
                cursor={{ fill: 'var(--mantine-color-gray-1)' }}
                isAnimationActive={false}
                content={({ payload }) => (
                  <PointTooltip point={payload?.[0]?.payload as ChartPoint | undefined} />
                )}
              />
              <Bar
                dataKey="kronor"
                fill={barColor}
                radius={[4, 4, 0, 0]}
                isAnimationActive={false}
                maxBarSize={56}
              />
            </BarChart>
          ) : (
            <BarChart
              data={data}
              layout="vertical"
              margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
              accessibilityLayer={false}
            >
              <CartesianGrid horizontal={false} stroke={gridStroke} strokeDasharray="3 3" />
              <XAxis
                type="number"
                tick={axisTick}
                tickLine={false}
                axisLine={{ stroke: gridStroke }}
                tickFormatter={(kronor: number) => formatWholeKronor(Math.round(kronor * 100))}
              />
              <YAxis
                type="category"
                dataKey="label"
                tick={axisTick}
                tickLine={false}
                axisLine={false}
                width={170}
              />
              <Tooltip
                cursor={{ fill: 'var(--mantine-color-gray-1)' }}
                isAnimationActive={false}
                content={({ payload }) => (
                  <PointTooltip point={payload?.[0]?.payload as ChartPoint | undefined} />
                )}
              />
              <Bar
                dataKey="kronor"
                fill={barColor}
                radius={[0, 4, 4, 0]}
                isAnimationActive={false}
                maxBarSize={32}
              />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      <HiddenTable
        label={label}
        points={points}
        countLabel={countLabel ?? t('sales.column.receipts')}
      />
    </Box>
  );
}

const sliceColors: Record<string, string> = {
  cash: 'var(--mantine-color-teal-7)',
  card: 'var(--mantine-color-blue-6)',
  swish: 'var(--mantine-color-grape-6)',
};
const otherColors = ['orange', 'cyan', 'lime', 'pink'].map(
  (color) => `var(--mantine-color-${color}-6)`,
);

function sliceColor(key: string, index: number): string {
  return sliceColors[key] ?? otherColors[index % otherColors.length] ?? barColor;
}

/** Shares of a whole (payment methods): a donut and a legend with amounts and percentages. */
export function SalesDonutChart({
  label,
  points,
  countLabel,
}: {
  label: string;
  points: readonly ChartPoint[];
  countLabel: string;
}) {
  // Slices need positive sizes; a method that only refunded has nothing to draw.
  const drawn = points.filter((point) => point.ore > 0);
  const total = drawn.reduce((sum, point) => sum + point.ore, 0);
  return (
    <Group align="center" gap="lg" wrap="wrap" data-chart={label}>
      <div aria-hidden="true" style={{ width: 200, height: 200 }}>
        <ResponsiveContainer width="100%" height="100%">
          <PieChart accessibilityLayer={false}>
            <Pie
              data={drawn}
              dataKey="kronor"
              nameKey="label"
              innerRadius={58}
              outerRadius={92}
              paddingAngle={drawn.length > 1 ? 2 : 0}
              stroke="var(--mantine-color-white)"
              isAnimationActive={false}
            >
              {drawn.map((point, index) => (
                <Cell key={point.key} fill={sliceColor(point.key, index)} />
              ))}
            </Pie>
            <Tooltip
              isAnimationActive={false}
              content={({ payload }) => (
                <PointTooltip point={payload?.[0]?.payload as ChartPoint | undefined} />
              )}
            />
          </PieChart>
        </ResponsiveContainer>
      </div>
      <Stack gap={6} aria-hidden="true" style={{ flex: 1, minWidth: 180 }}>
        {points.map((point, index) => (
          <Group key={point.key} gap="xs" wrap="nowrap" justify="space-between">
            <Group gap={8} wrap="nowrap">
              <Box
                w={12}
                h={12}
                style={{ borderRadius: 3, background: sliceColor(point.key, index) }}
              />
              <Text size="sm">{point.label}</Text>
            </Group>
            <Group gap={8} wrap="nowrap">
              <Text size="sm" fw={600}>
                {formatOre(point.ore)}
              </Text>
              <Text size="xs" c="dimmed" w={44} ta="right">
                {total > 0 && point.ore > 0 ? `${Math.round((point.ore / total) * 100)} %` : ''}
              </Text>
            </Group>
          </Group>
        ))}
      </Stack>
      <HiddenTable label={label} points={points} countLabel={countLabel} />
    </Group>
  );
}
