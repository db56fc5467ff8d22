// RFC 4180 CSV for downloads, with fields that a spreadsheet would run as a formula
// (starting with = + - @, tab or carriage return) neutralized by a leading apostrophe.
const risky = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const v = risky.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export const csvLine = (fields: string[]) => `${fields.map(csvField).join(",")}\r\n`;

/** A whole document, with a byte-order mark so spreadsheet programs read it as UTF-8. */
export const csvDocument = (rows: string[][]) => `\uFEFF${rows.map(csvLine).join("")}`;
