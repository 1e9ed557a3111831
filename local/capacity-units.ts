/**
 * DynamoDB's sizing and request-unit rules, for the writes DynamoDB bills without reporting
 * what they consumed (a failed condition, a cancelled transaction). Everything it answers is
 * metered from its own `ConsumedCapacity` instead (local/faults/dynamodb-middleware.ts).
 */
type AttributeValue = Record<string, unknown>;

const READ_UNIT_BYTES = 4 * 1024;
const WRITE_UNIT_BYTES = 1024;

export type ReadConsistency = 'eventual' | 'strong' | 'transactional';

/** A read of up to 4 KB: half a unit eventually consistent, one strongly, two in a transaction. */
const READ_FACTOR: Record<ReadConsistency, number> = { eventual: 0.5, strong: 1, transactional: 2 };

export function readRequestUnits(itemBytes: number, consistency: ReadConsistency): number {
  return Math.max(1, Math.ceil(itemBytes / READ_UNIT_BYTES)) * READ_FACTOR[consistency];
}

/** A write of up to 1 KB is one unit; in a transaction, two. */
export function writeRequestUnits(itemBytes: number, transactional: boolean): number {
  return Math.max(1, Math.ceil(itemBytes / WRITE_UNIT_BYTES)) * (transactional ? 2 : 1);
}

/** An item's size as DynamoDB counts it: each attribute's name plus its value, in bytes. */
export function itemSizeBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

function valueSize(value: AttributeValue): number {
  const [type, content] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return utf8(String(content));
    case 'N':
      return numberSize(String(content));
    case 'B':
      return Buffer.from(String(content), 'base64').length;
    case 'SS':
      return (content as string[]).reduce((sum, each) => sum + utf8(each), 0);
    case 'NS':
      return (content as string[]).reduce((sum, each) => sum + numberSize(each), 0);
    case 'BS':
      return (content as string[]).reduce((sum, each) => sum + Buffer.from(each, 'base64').length, 0);
    // A list or map costs 3 bytes, plus 1 per element, plus its elements (and a map's names).
    case 'L':
      return 3 + (content as AttributeValue[]).reduce((sum, each) => sum + 1 + valueSize(each), 0);
    case 'M':
      return (
        3 +
        Object.entries(content as Record<string, AttributeValue>).reduce(
          (sum, [name, each]) => sum + 1 + utf8(name) + valueSize(each),
          0,
        )
      );
    default:
      // BOOL and NULL: one byte.
      return 1;
  }
}

/** Numbers take one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  const digits = text
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
