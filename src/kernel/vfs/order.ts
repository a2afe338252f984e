/**
 * The order folder listings come in: by UTF-16 code unit, the same on every host and
 * every backend. A locale's collation would depend on the host's settings and costs
 * several times as much on large folders; views that want a human order sort again.
 */
export const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
