import { CATEGORY_SLUGS, categoryAndDescendants, departmentOf } from '../../catalog/categories';

/**
 * Small integer codes for category slugs, so a document's category fits a Uint16 column and a
 * category filter is one byte-mask look-up per document. The tree's slugs are registered up
 * front; a slug outside the tree still gets a code (and is its own department), so a product
 * indexed with a retired category stays findable by that slug.
 */
export class CategoryCodes {
  private readonly codes = new Map<string, number>();
  private readonly slugs: string[] = [];
  /** The department's code for each code (its own for a department or an unknown slug). */
  private readonly departmentCodes: number[] = [];

  constructor() {
    for (const slug of CATEGORY_SLUGS) this.codeOf(slug);
  }

  get size(): number {
    return this.slugs.length;
  }

  codeOf(slug: string): number {
    const known = this.codes.get(slug);
    if (known !== undefined) return known;
    const code = this.slugs.length;
    this.codes.set(slug, code);
    this.slugs.push(slug);
    const department = departmentOf(slug) ?? slug;
    this.departmentCodes.push(department === slug ? code : this.codeOf(department));
    return code;
  }

  slugOf(code: number): string {
    return this.slugs[code]!;
  }

  departmentCodeOf(code: number): number {
    return this.departmentCodes[code]!;
  }

  /** A mask over codes: 1 for the slug and every category it covers. */
  coveringMask(slug: string): Uint8Array {
    const mask = new Uint8Array(this.slugs.length);
    const covered = categoryAndDescendants(slug);
    for (const covers of covered.length > 0 ? covered : [slug]) {
      const code = this.codes.get(covers);
      if (code !== undefined) mask[code] = 1;
    }
    return mask;
  }
}
