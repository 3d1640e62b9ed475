/**
 * A catalogue number as stores print it, or null when it is a placeholder ("NA", "-") or a
 * barcode (12–14 digits: a UPC/EAN some stores put in that field).
 */
export const cleanCatalogNumber = (raw: string | null | undefined): string | null => {
  const s = raw?.replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim() ?? ""
  if (s === "" || /^(n\/?a|none|null|tba|-+)$/i.test(s) || /^\d{12,14}$/.test(s)) return null
  return s
}
