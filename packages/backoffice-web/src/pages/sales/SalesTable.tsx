import { Table, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { SalesReportRow } from '@kassa/contracts';
import { formatCount, formatOre } from '../../i18n/format';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import {
  nextSortOrder,
  quantityText,
  sortRows,
  type SortColumn,
  type SortOrder,
} from './salesRules';

interface Column {
  column: SortColumn;
  label: string;
  numeric: boolean;
}

/**
 * A report as a table whose column headers sort it (click again to reverse). `aria-sort` tells
 * which column the rows follow.
 */
export function SalesTable({
  label,
  rows,
  nameLabel,
  countLabel,
  withQuantity = false,
}: {
  label: string;
  rows: readonly SalesReportRow[];
  nameLabel: string;
  countLabel: string;
  withQuantity?: boolean;
}) {
  const t = useT();
  const [language] = useLanguage();
  const [order, setOrder] = useState<SortOrder>({ column: 'gross', direction: 'desc' });
  const columns: Column[] = [
    { column: 'label', label: nameLabel, numeric: false },
    ...(withQuantity
      ? [{ column: 'quantity' as const, label: t('sales.column.quantity'), numeric: true }]
      : []),
    { column: 'count', label: countLabel, numeric: true },
    { column: 'gross', label: t('sales.column.gross'), numeric: true },
    { column: 'vat', label: t('sales.column.vat'), numeric: true },
    { column: 'net', label: t('sales.column.net'), numeric: true },
  ];
  const sorted = sortRows(rows, order);

  return (
    <Table.ScrollContainer minWidth={620} type="native" mah={480}>
      <Table aria-label={label} stickyHeader highlightOnHover verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => {
              const active = order.column === column.column;
              return (
                <Table.Th
                  key={column.column}
                  scope="col"
                  ta={column.numeric ? 'right' : 'left'}
                  aria-sort={
                    active ? (order.direction === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  <UnstyledButton
                    fw={700}
                    fz="sm"
                    onClick={() => setOrder(nextSortOrder(order, column.column))}
                    title={t('sales.table.sortBy', { column: column.label })}
                  >
                    {column.label}
                    <Text span c={active ? 'teal.8' : 'gray.4'} ml={4} aria-hidden="true">
                      {active ? (order.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </Text>
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={500}>
                {row.label}
                {row.label !== row.key && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    {row.key}
                  </Text>
                )}
              </Table.Th>
              {withQuantity && <Table.Td ta="right">{quantityText(row, language)}</Table.Td>}
              <Table.Td ta="right">
                {formatCount(row.count)}
                {row.returnCount > 0 && (
                  <Text span size="xs" c="orange.8" ml={6}>
                    {t('sales.table.returned', { count: formatCount(row.returnCount) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {formatOre(row.gross)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {row.vat === null ? t('common.dash') : formatOre(row.vat)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {row.net === null ? t('common.dash') : formatOre(row.net)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
