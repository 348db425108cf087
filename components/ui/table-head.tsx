/**
 * The header row of a data table: one `<th scope="col">` per column, so screen readers name each cell's column.
 * A column given as a string is its label; `hidden` keeps the label for screen readers only (a column of buttons).
 */
export type TableColumn = string | { label: string; className?: string; hidden?: boolean };

export function TableHead({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { label, className, hidden } = typeof column === "string" ? { label: column } : column;
          return (
            <th key={label} scope="col" className={className}>
              {hidden ? <span className="visually-hidden">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
