/** All values of a header, whatever the case of its name; array values are kept apart. */
export function headerValues(headers: Record<string, string | string[] | undefined>, lowerName: string): string[] {
  const out: string[] = [];
  for (const key of Object.keys(headers)) {
    if (key.length !== lowerName.length || key.toLowerCase() !== lowerName) continue;
    const v = headers[key];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) out.push(...v);
  }
  return out;
}
