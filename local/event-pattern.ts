/**
 * EventBridge's event-pattern matching, for the local bus and for Lambda event filters on
 * the stream poller (which use the same language). Supported: exact values (string, number,
 * boolean, null), prefix, suffix, equals-ignore-case, wildcard, anything-but (values, prefix,
 * suffix, wildcard), numeric ranges, exists, and $or.
 */
export type EventPatternValue = Record<string, unknown>;

export function matchesPattern(pattern: EventPatternValue, event: unknown): boolean {
  return matchObject(pattern, event);
}

function matchObject(pattern: EventPatternValue, value: unknown): boolean {
  const object = isPlainObject(value) ? value : undefined;
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') {
      if (
        !Array.isArray(expected) ||
        !expected.some((branch) => matchObject(branch as EventPatternValue, value))
      ) {
        return false;
      }
      continue;
    }
    const field = object?.[key];
    if (Array.isArray(expected)) {
      if (!matchField(expected, field, object !== undefined && key in object)) return false;
    } else if (isPlainObject(expected)) {
      if (!matchObject(expected, field)) return false;
    } else {
      throw new Error(`Invalid event pattern at "${key}": leaves must be arrays of matchers`);
    }
  }
  return true;
}

function matchField(matchers: unknown[], value: unknown, present: boolean): boolean {
  const candidates = Array.isArray(value) ? value : [value];
  return matchers.some((matcher) => {
    if (isPlainObject(matcher) && 'exists' in matcher) {
      const exists = present && value !== undefined && !(Array.isArray(value) && value.length === 0);
      return matcher.exists === exists;
    }
    if (!present) return false;
    if (isPlainObject(matcher) && 'anything-but' in matcher) {
      return candidates.every((candidate) => !matchAnyOf(matcher['anything-but'], candidate));
    }
    return candidates.some((candidate) => matchOne(matcher, candidate));
  });
}

/** `anything-but` takes a value, a list of values, or a prefix/suffix/wildcard matcher. */
function matchAnyOf(spec: unknown, candidate: unknown): boolean {
  if (Array.isArray(spec)) return spec.some((value) => matchOne(value, candidate));
  return matchOne(spec, candidate);
}

function matchOne(matcher: unknown, candidate: unknown): boolean {
  if (matcher === null || typeof matcher !== 'object') {
    if (typeof matcher === 'number' && typeof candidate === 'number') return matcher === candidate;
    return matcher === candidate;
  }
  const spec = matcher as Record<string, unknown>;
  if ('prefix' in spec) {
    if (typeof candidate !== 'string') return false;
    const prefix = spec.prefix;
    if (isPlainObject(prefix) && typeof prefix['equals-ignore-case'] === 'string') {
      return candidate.toLowerCase().startsWith(prefix['equals-ignore-case'].toLowerCase());
    }
    return typeof prefix === 'string' && candidate.startsWith(prefix);
  }
  if ('suffix' in spec) {
    if (typeof candidate !== 'string') return false;
    const suffix = spec.suffix;
    if (isPlainObject(suffix) && typeof suffix['equals-ignore-case'] === 'string') {
      return candidate.toLowerCase().endsWith(suffix['equals-ignore-case'].toLowerCase());
    }
    return typeof suffix === 'string' && candidate.endsWith(suffix);
  }
  if ('equals-ignore-case' in spec) {
    return typeof candidate === 'string' && typeof spec['equals-ignore-case'] === 'string'
      ? candidate.toLowerCase() === spec['equals-ignore-case'].toLowerCase()
      : false;
  }
  if ('wildcard' in spec) {
    if (typeof candidate !== 'string' || typeof spec.wildcard !== 'string') return false;
    const regex = new RegExp(`^${spec.wildcard.split('*').map(escapeRegExp).join('.*')}$`, 's');
    return regex.test(candidate);
  }
  if ('numeric' in spec) {
    return typeof candidate === 'number' && matchNumeric(spec.numeric as unknown[], candidate);
  }
  throw new Error(`Unsupported event pattern matcher: ${JSON.stringify(matcher)}`);
}

function matchNumeric(conditions: unknown[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const operator = conditions[i];
    const bound = conditions[i + 1];
    if (typeof bound !== 'number') throw new Error('numeric matcher needs number bounds');
    const ok =
      operator === '='
        ? value === bound
        : operator === '>'
          ? value > bound
          : operator === '>='
            ? value >= bound
            : operator === '<'
              ? value < bound
              : operator === '<='
                ? value <= bound
                : undefined;
    if (ok === undefined) throw new Error(`Unknown numeric operator ${String(operator)}`);
    if (!ok) return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
