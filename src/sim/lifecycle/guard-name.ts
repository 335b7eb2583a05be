/** A guard as the diagram labels it: `idleTooLong`, or `a && b` for `and([...])`. */
export function guardName(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  if (typeof guard === 'function' && 'guards' in guard) {
    return (guard as { guards: unknown[] }).guards.map(guardName).join(' && ');
  }
  return 'guard';
}
