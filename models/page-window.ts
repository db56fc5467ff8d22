// One page of a sorted list read as perPage + 1 rows: the extra row says whether another page
// follows, instead of counting every match (on FerretDB a filtered count reads each of them).

/** skip and limit of page `page` (from 1), one row more than the page shows. */
export function pageWindow(page: number, perPage: number): { skip: number; limit: number } {
  return { skip: (page - 1) * perPage, limit: perPage + 1 };
}

/** The rows of a page read with pageWindow, and whether another page follows. */
export function pageRows<T>(docs: T[], perPage: number): { rows: T[]; hasNext: boolean } {
  return { rows: docs.slice(0, perPage), hasNext: docs.length > perPage };
}
