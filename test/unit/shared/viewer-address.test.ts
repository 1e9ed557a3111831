import { addressKey, ORIGIN_VERIFY_HEADER, viewerAddress } from '../../../shared/http/viewer-address';

const secret = 's3cret-origin-value';

describe('viewerAddress', () => {
  it('takes CloudFront-Viewer-Address when the request carries the distribution’s secret', () => {
    const headers = { 'cloudfront-viewer-address': '203.0.113.7:4711', [ORIGIN_VERIFY_HEADER]: secret };
    expect(viewerAddress(headers, '130.176.0.1', secret)).toBe('203.0.113.7');
  });

  it('reads an IPv6 viewer address, which CloudFront writes without brackets', () => {
    const headers = {
      'cloudfront-viewer-address': '2001:db8:85a3::8a2e:370:7334:443',
      [ORIGIN_VERIFY_HEADER]: secret,
    };
    expect(viewerAddress(headers, '130.176.0.1', secret)).toBe('2001:db8:85a3::8a2e:370:7334');
  });

  it.each([
    ['no secret header', { 'cloudfront-viewer-address': '203.0.113.7:4711' }, secret],
    [
      'a wrong secret',
      { 'cloudfront-viewer-address': '203.0.113.7:4711', [ORIGIN_VERIFY_HEADER]: 'guess' },
      secret,
    ],
    [
      'a secret of the right length but wrong value',
      { 'cloudfront-viewer-address': '203.0.113.7:4711', [ORIGIN_VERIFY_HEADER]: 's3cret-origin-valuX' },
      secret,
    ],
    [
      'no secret configured, even if the header is sent',
      { 'cloudfront-viewer-address': '203.0.113.7:4711', [ORIGIN_VERIFY_HEADER]: '' },
      undefined,
    ],
    [
      'a malformed viewer address',
      { 'cloudfront-viewer-address': 'not-an-ip:80', [ORIGIN_VERIFY_HEADER]: secret },
      secret,
    ],
    [
      'a viewer address without a port',
      { 'cloudfront-viewer-address': '203.0.113.7', [ORIGIN_VERIFY_HEADER]: secret },
      secret,
    ],
  ])('ignores the claimed viewer address with %s, keeping the source IP', (_, headers, configured) => {
    expect(viewerAddress(headers, '198.51.100.9', configured)).toBe('198.51.100.9');
  });

  it('reports an IPv4 client of a dual-stack socket as plain IPv4, as API Gateway does', () => {
    expect(viewerAddress({}, '::ffff:127.0.0.2', undefined)).toBe('127.0.0.2');
  });
});

describe('addressKey', () => {
  it('counts an IPv4 address on its own', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 addresses of one /64 together, since a client can pick any address in it', () => {
    expect(addressKey('2001:db8:85a3:1:8a2e:370:7334:1')).toBe('2001:0db8:85a3:0001::/64');
    expect(addressKey('2001:db8:85a3:1::2')).toBe('2001:0db8:85a3:0001::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:0db8:0000:0000::/64');
  });
});
