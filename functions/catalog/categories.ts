/**
 * The category tree. Categories are addressed by slug (the spec's `"category": "electronics"`);
 * a product may sit on any node, and browsing a department includes its subcategories.
 * The tree is versioned with the code: changing it is a reviewed change, not a runtime write.
 */
export interface Category {
  slug: string;
  name: string;
  parent: string | null;
  children: Category[];
}

const tree: Array<[slug: string, name: string, children: Array<[string, string]>]> = [
  [
    'electronics',
    'Electronics',
    [
      ['headphones', 'Headphones & Earbuds'],
      ['laptops', 'Laptops'],
      ['phones', 'Phones'],
      ['cameras', 'Cameras'],
      ['accessories', 'Electronics Accessories'],
    ],
  ],
  [
    'books',
    'Books',
    [
      ['fiction', 'Fiction'],
      ['non-fiction', 'Non-fiction'],
      ['childrens-books', "Children's Books"],
      ['cookbooks', 'Cookbooks'],
    ],
  ],
  [
    'home',
    'Home & Kitchen',
    [
      ['kitchen', 'Kitchen'],
      ['furniture', 'Furniture'],
      ['bedding', 'Bedding'],
      ['decor', 'Decor'],
    ],
  ],
  [
    'fashion',
    'Fashion',
    [
      ['mens-clothing', "Men's Clothing"],
      ['womens-clothing', "Women's Clothing"],
      ['shoes', 'Shoes'],
      ['bags', 'Bags'],
    ],
  ],
  [
    'sports',
    'Sports & Outdoors',
    [
      ['fitness', 'Fitness'],
      ['camping', 'Camping'],
      ['cycling', 'Cycling'],
      ['team-sports', 'Team Sports'],
    ],
  ],
  [
    'toys',
    'Toys & Games',
    [
      ['board-games', 'Board Games'],
      ['building-sets', 'Building Sets'],
      ['dolls', 'Dolls & Figures'],
      ['puzzles', 'Puzzles'],
    ],
  ],
  [
    'beauty',
    'Beauty',
    [
      ['skincare', 'Skincare'],
      ['makeup', 'Makeup'],
      ['haircare', 'Hair Care'],
      ['fragrance', 'Fragrance'],
    ],
  ],
  [
    'grocery',
    'Grocery',
    [
      ['coffee-tea', 'Coffee & Tea'],
      ['snacks', 'Snacks'],
      ['pantry', 'Pantry'],
      ['beverages', 'Beverages'],
    ],
  ],
];

export const CATEGORY_TREE: Category[] = tree.map(([slug, name, children]) => ({
  slug,
  name,
  parent: null,
  children: children.map(([childSlug, childName]) => ({
    slug: childSlug,
    name: childName,
    parent: slug,
    children: [],
  })),
}));

const bySlug = new Map<string, Category>();
for (const department of CATEGORY_TREE) {
  bySlug.set(department.slug, department);
  for (const child of department.children) bySlug.set(child.slug, child);
}

export const CATEGORY_SLUGS: readonly string[] = [...bySlug.keys()];

export function findCategory(slug: string): Category | undefined {
  return bySlug.get(slug);
}

/** The top-level category a slug belongs to (itself for a department). */
export function departmentOf(slug: string): string | undefined {
  const category = bySlug.get(slug);
  if (!category) return undefined;
  return category.parent ?? category.slug;
}

/** The slug itself plus every descendant: what browsing this category covers. */
export function categoryAndDescendants(slug: string): string[] {
  const category = bySlug.get(slug);
  if (!category) return [];
  return [category.slug, ...category.children.map((child) => child.slug)];
}
