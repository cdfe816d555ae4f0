/** A query parameter's first value: Koa gives an array when a key repeats, and a page needs one. */
export const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
