export { exportTable, sqlStringLiteral, EXPORT_KINDS, EXPORT_FORMATS } from './export-table.js';
export type { ExportKind, ExportFormat, ExportResult } from './export-table.js';
