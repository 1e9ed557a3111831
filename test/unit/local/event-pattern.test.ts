import { matchesPattern } from '../../../local/event-pattern';

const event = {
  source: 'bazaar.orders',
  'detail-type': 'OrderPaid',
  detail: { order_id: 'ord_1', total_cents: 4999, status: 'paid', tags: ['gift', 'prime'], note: null },
};

describe('EventBridge pattern matching', () => {
  it.each([
    [{ source: ['bazaar.orders'] }, true],
    [{ source: ['bazaar.catalog'] }, false],
    [{ source: ['bazaar.catalog', 'bazaar.orders'] }, true],
    [{ 'detail-type': [{ prefix: 'Order' }] }, true],
    [{ 'detail-type': [{ prefix: 'Stock' }] }, false],
    [{ 'detail-type': [{ suffix: 'Paid' }] }, true],
    [{ detail: { status: [{ 'anything-but': 'failed' }] } }, true],
    [{ detail: { status: [{ 'anything-but': ['paid', 'failed'] }] } }, false],
    [{ detail: { status: [{ 'anything-but': { prefix: 'pa' } }] } }, false],
    [{ detail: { order_id: [{ exists: true }] } }, true],
    [{ detail: { coupon: [{ exists: false }] } }, true],
    [{ detail: { coupon: [{ exists: true }] } }, false],
    [{ detail: { total_cents: [{ numeric: ['>', 0, '<=', 5000] }] } }, true],
    [{ detail: { total_cents: [{ numeric: ['>=', 5000] }] } }, false],
    [{ detail: { total_cents: [4999] } }, true],
    [{ detail: { tags: ['prime'] } }, true],
    [{ detail: { note: [null] } }, true],
    [{ detail: { status: [{ 'equals-ignore-case': 'PAID' }] } }, true],
    [{ detail: { order_id: [{ wildcard: 'ord_*' }] } }, true],
    [{ $or: [{ source: ['nope'] }, { detail: { status: ['paid'] } }] }, true],
    [{ source: ['bazaar.orders'], detail: { status: ['failed'] } }, false],
    [{ detail: { missing: ['x'] } }, false],
    [{ detail: { total_cents: [{ numeric: ['>', 0] }] }, source: [{ prefix: 'bazaar.' }] }, true],
  ])('%j → %p', (pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  it('does not apply numeric matchers to strings', () => {
    expect(matchesPattern({ detail: { order_id: [{ numeric: ['>', 0] }] } }, event)).toBe(false);
  });

  it('requires a field to be present for anything-but', () => {
    expect(matchesPattern({ detail: { coupon: [{ 'anything-but': 'x' }] } }, event)).toBe(false);
  });
});
