import { Card, Table, VisuallyHidden, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column {
  label: string;
  /** Amounts and counts: right-aligned. */
  numeric?: boolean;
  w?: number;
  /** Named for screen readers only (the actions column). */
  hidden?: boolean;
}

/** A table's header row: one column header per column. */
export function ColumnHeaders({ columns }: { columns: readonly Column[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) => (
          <Table.Th
            key={column.label}
            scope="col"
            ta={column.numeric === true ? 'right' : undefined}
            w={column.w}
          >
            {column.hidden === true ? (
              <VisuallyHidden>{column.label}</VisuallyHidden>
            ) : (
              column.label
            )}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A list page's table: in a card, scrolling sideways when narrower than `minWidth`. */
export function ListTable({
  label,
  minWidth,
  columns,
  children,
  ...tableProps
}: {
  label: string;
  minWidth: number;
  columns: readonly Column[];
  /** The body's rows. */
  children: ReactNode;
} & Omit<TableProps, 'children' | 'aria-label'>) {
  return (
    <Card withBorder radius="md" padding={0}>
      <Table.ScrollContainer minWidth={minWidth} type="native">
        <Table aria-label={label} {...tableProps}>
          <ColumnHeaders columns={columns} />
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
