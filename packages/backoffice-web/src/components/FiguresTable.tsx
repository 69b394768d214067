import { Table, type TableProps } from '@mantine/core';
import type { Key, ReactNode } from 'react';
import { ColumnHeaders } from './DataTable';

export interface FiguresRow {
  key: Key;
  /** What the row is about (its row header). */
  label: ReactNode;
  /** The formatted amounts, one per figure column in order. */
  values: readonly string[];
}

/**
 * Figures by row (a VAT rate, a means of payment): the row's name, then one right-aligned amount
 * per column, and optionally a total row at the foot.
 */
export function FiguresTable({
  nameLabel,
  columns,
  rows,
  total,
  ...tableProps
}: {
  /** The header of the rows' names. */
  nameLabel: string;
  /** The figure columns; `strong` ones are bold in the body. */
  columns: readonly { label: string; strong?: boolean }[];
  rows: readonly FiguresRow[];
  total?: { label: string; values: readonly string[] };
} & Omit<TableProps, 'children'>) {
  return (
    <Table {...tableProps}>
      <ColumnHeaders
        columns={[
          { label: nameLabel },
          ...columns.map((column) => ({ label: column.label, numeric: true })),
        ]}
      />
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Th scope="row">{row.label}</Table.Th>
            {columns.map((column, index) => (
              <Table.Td key={column.label} ta="right" fw={column.strong === true ? 600 : undefined}>
                {row.values[index]}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
      {total !== undefined && (
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{total.label}</Table.Th>
            {columns.map((column, index) => (
              <Table.Th key={column.label} ta="right">
                {total.values[index]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      )}
    </Table>
  );
}
