import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { rules, streams } from '../functions/manifest';
import type { EventContract } from '../shared/events';
import type { EventRuleDefinition, StreamDefinition } from '../shared/manifests/types';

/**
 * The event catalog (docs/events.md), generated from what the code declares: the events'
 * zod schemas (`functions/<service>/events.ts`), the outbox relays of the streams manifest
 * (how each service's events leave) and the rules manifest (who listens). Nothing here is
 * written by hand, so the catalog cannot say what the code does not.
 */

const ROOT = join(__dirname, '..');
export const CATALOG_PATH = 'docs/events.md';
export const CATALOG_COMMAND = 'npm run docs:events';

// biome-ignore lint/suspicious/noExplicitAny: the catalog reads every event, whatever its shape
type AnyEvent = EventContract<any>;

export interface CatalogEvent {
  service: string;
  exportName: string;
  event: AnyEvent;
  relay: StreamDefinition;
  consumers: EventRuleDefinition[];
}

/** Every event declared in a service's events.ts, with its relay and the rules that match it. */
export async function eventCatalog(): Promise<CatalogEvent[]> {
  const services = readdirSync(join(ROOT, 'functions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((service) => readdirSync(join(ROOT, 'functions', service)).includes('events.ts'));
  const found: CatalogEvent[] = [];
  for (const service of services) {
    const module = (await import(`../functions/${service}/events`)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(module)) {
      if (!isEventContract(value)) continue;
      found.push({
        service,
        exportName,
        event: value,
        relay: relayOf(service, value),
        // By id, so the catalog does not change when the manifests are gathered in another order.
        consumers: rules
          .filter((rule) => (rule.bus ?? 'bazaar') === 'bazaar' && matches(rule, value))
          .sort((a, b) => a.id.localeCompare(b.id)),
      });
    }
  }
  return found.sort(
    (a, b) =>
      a.event.source.localeCompare(b.event.source) || a.event.detailType.localeCompare(b.event.detailType),
  );
}

/** Rules on the bazaar bus that no declared event matches: a pattern written by hand that drifted. */
export function unmatchedRules(catalog: CatalogEvent[]): EventRuleDefinition[] {
  return rules.filter(
    (rule) => (rule.bus ?? 'bazaar') === 'bazaar' && !catalog.some((entry) => entry.consumers.includes(rule)),
  );
}

function isEventContract(value: unknown): value is AnyEvent {
  const candidate = value as Partial<AnyEvent> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.detailType === 'string' &&
    typeof candidate.source === 'string' &&
    candidate.schema instanceof z.ZodObject
  );
}

/** Only a service's outbox relay sends its events (shared/outbox.ts): one without a relay is never published. */
function relayOf(service: string, event: AnyEvent): StreamDefinition {
  const relay = streams.find(
    (stream) => stream.uses?.publishesEvents && stream.handler.startsWith(`functions/${service}/`),
  );
  if (!relay) {
    throw new Error(
      `${event.source} ${event.detailType} is declared in functions/${service}/events.ts, but no outbox relay of ${service} is in the streams manifest, so nothing publishes it`,
    );
  }
  return relay;
}

function matches(rule: EventRuleDefinition, event: AnyEvent): boolean {
  const sources = rule.pattern.source as unknown[] | undefined;
  const detailTypes = rule.pattern['detail-type'] as unknown[] | undefined;
  return (
    (!sources || sources.includes(event.source)) && (!detailTypes || detailTypes.includes(event.detailType))
  );
}

/** How a relay's stream filter picks the records it sends: outbox items, or the images of entities. */
function mechanismOf(relay: StreamDefinition): string {
  const filter = relay.filters?.[0] as
    | {
        dynamodb?: {
          NewImage?: { type?: { S?: string[] } };
          Keys?: { pk?: { S?: Array<{ prefix: string }> } };
        };
      }
    | undefined;
  const types = filter?.dynamodb?.NewImage?.type?.S;
  const prefix = filter?.dynamodb?.Keys?.pk?.S?.[0]?.prefix;
  const table = `the \`${relay.table}\` table`;
  if (types?.includes('OUTBOX')) {
    return `an outbox item written on ${table} in the same write (or transaction) as the change it announces`;
  }
  if (types)
    return `its entities' own stream images (the relay reads ${list(types.map(code))} items of ${table})`;
  if (prefix)
    return `its entities' own stream images (the relay reads items keyed \`${prefix}…\` of ${table})`;
  return `every stream record of ${table}`;
}

export async function renderEventCatalog(): Promise<string> {
  const catalog = await eventCatalog();
  const awsRules = rules.filter((rule) => rule.bus === 'default');
  return [
    '# Event catalog',
    '',
    `<!-- Generated by \`${CATALOG_COMMAND}\` (scripts/events-catalog.ts). Do not edit: change the declarations and run it again. -->`,
    '',
    'Every domain event Bazaar sends on its `bazaar` EventBridge bus, generated from the code: the',
    'zod schema each publishing service declares once (`functions/<service>/events.ts`, with',
    '`defineEvent`), the outbox relays of the streams manifest (how the events leave) and the rules',
    'manifest (who listens). A publisher builds an event through its schema and a consumer reads it',
    'through the same schema. See [the architecture](architecture.md#the-outbox-and-events) for how',
    'events travel.',
    '',
    '| event | source | published by | consumed by |',
    '|---|---|---|---|',
    ...catalog.map(
      (entry) =>
        `| [${entry.event.detailType}](#${anchor(entry)}) | \`${entry.event.source}\` | ${entry.service} | ${
          entry.consumers.map((rule) => rule.id).join(', ') || '—'
        } |`,
    ),
    '',
    ...catalog.flatMap(renderEvent),
    ...(awsRules.length > 0 ? renderAwsRules(awsRules) : []),
  ].join('\n');
}

function renderEvent(entry: CatalogEvent): string[] {
  const { event, relay, consumers } = entry;
  return [
    `## ${event.detailType}`,
    '',
    `${event.description}.`,
    '',
    `- Source \`${event.source}\`, detail-type \`${event.detailType}\`; declared as \`${entry.exportName}\` in \`functions/${entry.service}/events.ts\`.`,
    `- Published by **${entry.service}**: ${mechanismOf(relay)}, sent to the bus by the relay \`${relay.id}\` (\`${relay.handler}\`).`,
    '',
    consumers.length > 0 ? '| consumed by rule | handler | why |' : 'No rule consumes it yet.',
    ...(consumers.length > 0 ? ['|---|---|---|'] : []),
    ...consumers.map((rule) => `| \`${rule.id}\` | \`${rule.handler}\` | ${rule.description} |`),
    '',
    '| field | type | optional | description |',
    '|---|---|---|---|',
    ...fieldRows(z.toJSONSchema(event.schema) as JsonSchema, ''),
    '',
  ];
}

function renderAwsRules(awsRules: EventRuleDefinition[]): string[] {
  return [
    '## Events from AWS services',
    '',
    'Rules on the account’s default bus, where AWS services send their own events (their shapes are AWS’s):',
    '',
    '| rule | pattern | handler | why |',
    '|---|---|---|---|',
    ...awsRules.map(
      (rule) =>
        `| \`${rule.id}\` | \`${JSON.stringify(rule.pattern)}\` | \`${rule.handler}\` | ${rule.description} |`,
    ),
    '',
  ];
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  description?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
}

/** One row per field; an array of objects also lists its items' fields as `name[].field`. */
function fieldRows(schema: JsonSchema, prefix: string): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const optional = schema.required?.includes(name) ? '' : 'yes';
    const row = `| \`${prefix}${name}\` | ${typeOf(field)} | ${optional} | ${field.description ?? ''} |`;
    const nested = field.items?.properties ? fieldRows(field.items, `${prefix}${name}[].`) : [];
    return [row, ...nested];
  });
}

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  if (schema.enum) return `one of ${schema.enum.map((value) => code(String(value))).join(', ')}`;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any'];
  return types
    .map((type) => {
      if (type === 'array') return `array of ${typeOf(schema.items ?? {})}`;
      if (type === 'string' && schema.minLength) return 'non-empty string';
      if (type === 'integer' && schema.exclusiveMinimum === 0) return 'integer > 0';
      if (type === 'integer' && schema.minimum === 0) return 'integer ≥ 0';
      return type;
    })
    .join(' or ');
}

const code = (text: string) => `\`${text}\``;
const list = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
const anchor = (entry: CatalogEvent) => entry.event.detailType.toLowerCase();
