/**
 * Text for HTML element content and double- or single-quoted attribute values. (The linkage
 * package has the same helper, but importing it would load DuckDB into a command that needs none.)
 */
const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c] ?? c)
