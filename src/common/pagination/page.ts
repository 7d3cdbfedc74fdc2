/** One page of a list: `{ items, total, page, limit }` as the contract has it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export function pageOf<T>(
  items: T[],
  total: number,
  query: { page: number; limit: number },
): Page<T> {
  return { items, total, page: query.page, limit: query.limit };
}
