/** A postal address as identity keeps it and an order snapshots it at checkout. */
export interface PostalAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
}

/** Just the address of something that has one (a saved address also carries ids and times). */
export function postalAddressOf(address: PostalAddress): PostalAddress {
  return {
    name: address.name,
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    region: address.region,
    postalCode: address.postalCode,
    country: address.country,
  };
}

/** An address in a response (`postalAddressOutput` in shared/schemas is its schema). */
export function postalAddressView(address: PostalAddress) {
  return {
    name: address.name,
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    region: address.region,
    postal_code: address.postalCode,
    country: address.country,
  };
}
