/**
 * Word lists the catalog generator builds products from, one vocabulary per node of the
 * category tree (departments included). Each product kind carries its own price band, title
 * modifiers and selling points, so a "Wireless Mouse" costs what a mouse costs and says what a
 * mouse says. Brands are a mix of made-up names and well-known ones, as a marketplace has.
 */

export interface ProductKind {
  /** The product noun as it appears in titles: "Headphones", "French Press". */
  noun: string;
  /** For plural nouns, what one unit is called: "This pair of headphones …". */
  collective?: 'pair' | 'set' | 'box' | 'bag' | 'tub';
  /** Price band in dollars, sampled log-uniformly. */
  price: readonly [min: number, max: number];
  /**
   * Title modifiers in reading order: at most one word from each group, each group used with
   * some probability, so "Wireless Noise Cancelling Over-Ear Headphones" reads naturally.
   */
  modifiers?: readonly (readonly string[])[];
  /** What follows the comma: colour, size, format. */
  variants?: readonly string[];
  /** Verb phrases that follow the product in a description: "delivers rich, detailed sound". */
  features: readonly string[];
  /** Overrides the category's brands (phone cases are not made by phone makers). */
  brands?: readonly string[];
  /**
   * Overrides the title shape. Placeholders: {brand} {model} {mods} {noun} {variant}
   * {bookTitle}, plus any list named in `slots`.
   */
  template?: string;
  slots?: Readonly<Record<string, readonly string[]>>;
  /** Electronics carry model codes ("WH-1000XM5") in their titles. */
  hasModelCode?: boolean;
}

export interface CategoryVocabulary {
  brands: readonly string[];
  kinds: readonly ProductKind[];
  /** Who the closing "A thoughtful gift for …" sentence names. */
  audiences: readonly string[];
}

/** The title shape most kinds use: "Sony WH-1000XM5 Wireless Noise Cancelling Headphones, Black". */
export const DEFAULT_TEMPLATE = '{brand} {model} {mods} {noun}, {variant}';

const COLORS = [
  'Black',
  'White',
  'Navy',
  'Gray',
  'Olive',
  'Charcoal',
  'Sand',
  'Burgundy',
  'Sage Green',
  'Blush Pink',
];
const BOOK_FORMATS = ['Paperback', 'Hardcover', 'Large Print', 'Paperback', 'Hardcover'];

export const BOOK_TITLE_WORDS = {
  adjectives: [
    'Silent',
    'Midnight',
    'Hidden',
    'Last',
    'Golden',
    'Broken',
    'Forgotten',
    'Winter',
    'Distant',
    'Secret',
    'Burning',
    'Paper',
    'Glass',
    'Wild',
    'Quiet',
    'Lost',
    'Northern',
    'Velvet',
    'Salt',
    'Summer',
  ],
  nouns: [
    'Garden',
    'River',
    'House',
    'Orchard',
    'Letters',
    'Harbor',
    'Kingdom',
    'Daughter',
    'Lighthouse',
    'Storm',
    'Map',
    'Island',
    'Station',
    'Library',
    'Sky',
    'Crown',
    'Forest',
    'Bridge',
    'Tide',
    'Promise',
  ],
} as const;

const ELECTRONICS_BRANDS = [
  'Sony',
  'Samsung',
  'Anker',
  'JBL',
  'Logitech',
  'Acme',
  'Voltra',
  'Nimbus',
  'Kestrel',
  'Lumio',
];
const HOME_BRANDS = [
  'Acme Home',
  'Hearth & Co',
  'Nordhaus',
  'Oakline',
  'Willow Lane',
  'Casa Verde',
  'Brightwell',
];
const APPAREL_BRANDS = [
  'Northwind',
  'Urbano',
  'Maple & Pine',
  'Coastline',
  'Kinfolk',
  'Acme Apparel',
  'Rowan',
  'Fieldhouse',
];
const OUTDOOR_BRANDS = [
  'Trailhead',
  'Summit Gear',
  'Acme Outdoors',
  'Ridgeline',
  'Basecamp',
  'Evergreen',
  'Coleman',
];
const BEAUTY_BRANDS = [
  'Lumi',
  'Glow & Co',
  'Pure Botanics',
  'Acme Beauty',
  'Dermaline',
  'Velvet Rose',
  'Aveline',
];
const PUBLISHERS = [
  'Penguin',
  'HarperCollins',
  'Acme Press',
  'Riverbend Books',
  'Lantern House',
  'Blue Heron Press',
];
const TOY_BRANDS = [
  'Acme Toys',
  'Playwell',
  'Tiny Tinkers',
  'Mattel',
  'Hasbro',
  'Wonderworks',
  'Little Giants',
];
const GROCERY_BRANDS = [
  'Acme Pantry',
  'Green Valley',
  'Harvest Table',
  'Simply Good',
  'Golden Acre',
  'Bramble Farm',
];

const GADGET_FEATURES = [
  'sets up in minutes with the companion app',
  'works with Alexa and Google Assistant',
  'ships with a USB-C cable and a quick start guide',
  'is covered by a two-year limited warranty',
];

export const CATEGORY_VOCABULARY: Readonly<Record<string, CategoryVocabulary>> = {
  // ── Electronics ────────────────────────────────────────────────────────────────────────
  electronics: {
    brands: ELECTRONICS_BRANDS,
    audiences: ['tech lovers', 'the whole family', 'busy households'],
    kinds: [
      {
        noun: 'Smart Speaker',
        price: [29, 249],
        modifiers: [['Portable', 'Compact', 'Premium'], ['Wi-Fi']],
        variants: ['Charcoal', 'Chalk', 'Black'],
        features: [
          'fills the room with clear, balanced sound',
          'answers questions hands-free',
          ...GADGET_FEATURES,
        ],
        hasModelCode: true,
      },
      {
        noun: 'Smartwatch',
        price: [79, 499],
        modifiers: [['GPS', 'Fitness'], ['Waterproof']],
        variants: ['Black', 'Silver', 'Rose Gold', '44mm', '40mm'],
        features: [
          'tracks heart rate, sleep and workouts',
          'runs up to seven days on a charge',
          'shows notifications at a glance',
          'is water resistant to 50 meters',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Tablet',
        price: [99, 1099],
        modifiers: [
          ['10-inch', '11-inch', '8-inch'],
          ['HD', 'Pro'],
        ],
        variants: ['64GB, Silver', '128GB, Space Gray', '256GB, Blue'],
        features: [
          'has a sharp, bright display for reading and streaming',
          'lasts all day on a single charge',
          'supports a stylus for notes and sketches',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Streaming Media Player',
        price: [25, 129],
        modifiers: [['4K', 'HD']],
        features: ['streams in 4K HDR with Dolby Vision', 'comes with a voice remote', ...GADGET_FEATURES],
      },
      {
        noun: 'Smart Plug',
        price: [9, 39],
        modifiers: [['Mini', 'Outdoor'], ['Wi-Fi']],
        variants: ['2-Pack', '4-Pack'],
        features: ['schedules lamps and fans from your phone', ...GADGET_FEATURES],
      },
    ],
  },
  headphones: {
    brands: [
      'Sony',
      'Bose',
      'JBL',
      'Sennheiser',
      'Audio-Technica',
      'Skullcandy',
      'Soundcore',
      'Acme Audio',
      'Nimbus',
    ],
    audiences: ['music lovers', 'commuters', 'gamers', 'frequent flyers'],
    kinds: [
      {
        noun: 'Headphones',
        collective: 'pair',
        price: [25, 399],
        modifiers: [
          ['Wireless', 'Wireless', 'Bluetooth', 'Wired'],
          ['Noise Cancelling', 'Studio', 'Hi-Fi'],
          ['Over-Ear', 'On-Ear'],
        ],
        variants: ['Black', 'Silver', 'Midnight Blue', 'White', 'Rose Gold'],
        features: [
          'delivers rich, detailed sound with deep bass',
          'blocks out the world with adaptive noise cancelling',
          'lasts up to 30 hours on a single charge',
          'folds flat for travel',
          'has memory foam ear cushions for all-day comfort',
          'includes a built-in microphone for clear calls',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Earbuds',
        collective: 'pair',
        price: [15, 279],
        modifiers: [
          ['True Wireless', 'Wireless', 'Wired'],
          ['Noise Cancelling', 'Sport', 'Waterproof'],
        ],
        variants: ['Black', 'White', 'Graphite'],
        features: [
          'fits securely with three sizes of ear tips',
          'charges in a pocket-sized case',
          'delivers punchy sound with deep bass',
          'resists sweat and rain',
          'pairs instantly over Bluetooth 5.3',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Gaming Headset',
        price: [29, 249],
        modifiers: [
          ['Wireless', 'Wired'],
          ['Surround Sound', 'RGB'],
        ],
        variants: ['PC, PS5, Xbox', 'Black', 'White'],
        features: [
          'puts footsteps exactly where they are with surround sound',
          'has a detachable noise-cancelling microphone',
          'stays comfortable through long sessions',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Kids Headphones',
        collective: 'pair',
        price: [12, 49],
        modifiers: [['Wireless', 'Wired'], ['Volume Limiting']],
        variants: ['Blue', 'Pink', 'Green'],
        features: ['caps volume at a safe 85 dB', 'bends without breaking', 'is sized for small heads'],
      },
    ],
  },
  laptops: {
    brands: ['Lenovo', 'Dell', 'HP', 'Asus', 'Acer', 'Razer', 'Acme', 'Voltra'],
    audiences: ['students', 'remote workers', 'creators', 'gamers'],
    kinds: [
      {
        noun: 'Laptop',
        price: [299, 2499],
        modifiers: [
          ['Thin and Light', 'Gaming', '2-in-1', 'Business'],
          ['14-inch', '15.6-inch', '13-inch', '16-inch'],
        ],
        variants: ['16GB RAM, 512GB SSD', '8GB RAM, 256GB SSD', '32GB RAM, 1TB SSD'],
        features: [
          'runs all day on a fast-charging battery',
          'has a bright, anti-glare display',
          'is powered by the latest multi-core processor',
          'weighs under 3 pounds',
          'has a backlit keyboard and a precise glass touchpad',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Chromebook',
        price: [179, 549],
        modifiers: [['11.6-inch', '14-inch'], ['Touchscreen']],
        variants: ['4GB RAM, 64GB', '8GB RAM, 128GB'],
        features: ['boots in seconds', 'updates itself automatically', 'is built tough for the classroom'],
        hasModelCode: true,
      },
      {
        noun: 'Gaming Laptop',
        price: [799, 2999],
        modifiers: [
          ['17.3-inch', '15.6-inch'],
          ['RTX 4060', 'RTX 4070'],
        ],
        variants: ['165Hz Display', '240Hz Display'],
        features: [
          'keeps cool under load with a vapor chamber',
          'drives high frame rates on a fast display',
          'has a per-key RGB keyboard',
        ],
        hasModelCode: true,
      },
    ],
  },
  phones: {
    brands: ['Samsung', 'Google', 'Motorola', 'OnePlus', 'Nokia', 'Acme Mobile'],
    audiences: ['anyone upgrading their phone', 'busy professionals', 'teens'],
    kinds: [
      {
        noun: 'Smartphone',
        price: [149, 1299],
        modifiers: [['Unlocked'], ['5G']],
        variants: ['128GB, Graphite', '256GB, Midnight', '512GB, Silver', '128GB, Blue'],
        features: [
          'takes stunning photos in low light',
          'lasts two days on a charge',
          'has a smooth 120Hz display',
          'gets five years of security updates',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Phone Case',
        price: [9, 49],
        brands: ['Spigen', 'OtterBox', 'Caseology', 'Acme', 'Nimbus'],
        modifiers: [
          ['Clear', 'Rugged', 'Leather', 'Slim'],
          ['Shockproof', 'MagSafe Compatible'],
        ],
        variants: COLORS,
        features: [
          'protects against drops up to 10 feet',
          'keeps a slim profile that fits any pocket',
          'has raised edges to guard the screen and camera',
        ],
      },
      {
        noun: 'Screen Protector',
        price: [7, 29],
        brands: ['Spigen', 'ZAGG', 'Acme', 'amFilm'],
        modifiers: [['Tempered Glass', 'Privacy']],
        variants: ['2-Pack', '3-Pack'],
        features: ['installs bubble-free with the alignment frame', 'resists scratches and fingerprints'],
      },
      {
        noun: 'Phone Mount',
        price: [12, 49],
        brands: ['iOttie', 'Belkin', 'Acme', 'Nimbus'],
        modifiers: [['Magnetic', 'Dashboard'], ['Car']],
        features: ['holds your phone steady on bumpy roads', 'mounts in seconds without tools'],
      },
    ],
  },
  cameras: {
    brands: ['Canon', 'Nikon', 'Fujifilm', 'Sony', 'Panasonic', 'GoPro', 'Acme'],
    audiences: ['photographers', 'travellers', 'vloggers', 'new parents'],
    kinds: [
      {
        noun: 'Mirrorless Camera',
        price: [499, 2499],
        modifiers: [['Full-Frame', 'Compact'], ['4K']],
        variants: ['Body Only', 'with 18-55mm Lens'],
        features: [
          'focuses fast with eye tracking',
          'shoots sharp 4K video',
          'has in-body image stabilization',
          'is weather sealed for shooting outdoors',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Action Camera',
        price: [99, 449],
        modifiers: [['Waterproof'], ['4K', '5K']],
        features: ['mounts anywhere', 'keeps footage smooth with stabilization', 'is waterproof to 33 feet'],
        hasModelCode: true,
      },
      {
        noun: 'Instant Camera',
        price: [59, 149],
        modifiers: [['Mini', 'Wide']],
        variants: ['Pastel Blue', 'Mint', 'White'],
        features: ['prints credit-card sized photos in seconds', 'has a selfie mirror'],
      },
      {
        noun: 'Camera Lens',
        price: [149, 1299],
        modifiers: [['50mm f/1.8', '24-70mm f/2.8', '70-200mm', 'Wide-Angle']],
        features: ['renders creamy background blur', 'stays sharp from corner to corner'],
      },
      {
        noun: 'Tripod',
        price: [19, 199],
        modifiers: [['Travel', 'Carbon Fiber', 'Aluminum']],
        features: ['extends to 60 inches and folds to 15', 'has a smooth ball head'],
      },
      {
        noun: 'Security Camera',
        price: [29, 199],
        modifiers: [
          ['Wireless', 'Outdoor', 'Indoor'],
          ['1080p', '2K'],
        ],
        variants: ['2-Pack', '1-Pack'],
        features: ['sends motion alerts to your phone', 'sees clearly at night', ...GADGET_FEATURES],
      },
    ],
  },
  accessories: {
    brands: ['Logitech', 'Anker', 'Belkin', 'Razer', 'Acme', 'Voltra', 'Nimbus', 'Ugreen'],
    audiences: ['remote workers', 'gamers', 'students', 'anyone with a desk'],
    kinds: [
      {
        noun: 'Mouse',
        price: [9, 129],
        modifiers: [
          ['Wireless', 'Wireless', 'Bluetooth', 'Wired'],
          ['Ergonomic', 'Gaming', 'Silent', 'Compact'],
        ],
        variants: ['Black', 'Graphite', 'White', 'Rose'],
        features: [
          'glides precisely on almost any surface',
          'lasts up to 24 months on one battery',
          'has quiet clicks',
          'connects to three devices at once',
          'fits comfortably in the hand',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Keyboard',
        price: [19, 199],
        modifiers: [
          ['Wireless', 'Bluetooth', 'Wired'],
          ['Mechanical', 'Ergonomic', 'Slim', 'Gaming'],
        ],
        variants: ['Full Size', 'Tenkeyless', 'Black', 'White'],
        features: ['types quietly and precisely', 'has backlit keys', 'switches between three devices'],
        hasModelCode: true,
      },
      {
        noun: 'Charger',
        price: [12, 79],
        modifiers: [
          ['Fast', 'Magnetic'],
          ['Wireless', 'Wireless', 'Wireless', 'USB-C', 'Dual-Port'],
        ],
        variants: ['15W', '30W', '65W', 'White', 'Black'],
        features: [
          'charges phones through most cases',
          'stops charging when the battery is full',
          'charges a phone to 50% in 30 minutes',
        ],
      },
      {
        noun: 'Charging Stand',
        price: [19, 89],
        modifiers: [['3-in-1', '2-in-1'], ['Wireless']],
        features: ['charges a phone, a watch and earbuds at once', 'keeps the nightstand tidy'],
      },
      {
        noun: 'Cable',
        price: [6, 29],
        modifiers: [['Braided'], ['USB-C', 'Lightning', 'HDMI']],
        variants: ['6 ft', '10 ft', '2-Pack', '3-Pack'],
        features: ['survives 20,000 bends', 'transfers data at high speed'],
      },
      {
        noun: 'Power Bank',
        price: [15, 89],
        modifiers: [
          ['Portable', 'Slim'],
          ['Fast Charging', 'Magnetic'],
        ],
        variants: ['10000mAh', '20000mAh', '5000mAh'],
        features: ['charges a phone three times over', 'fits in a pocket'],
      },
      {
        noun: 'Webcam',
        price: [29, 199],
        modifiers: [['4K', '1080p', 'HD']],
        features: ['keeps you in focus on video calls', 'has a privacy shutter and dual microphones'],
        hasModelCode: true,
      },
      {
        noun: 'Laptop Stand',
        price: [19, 79],
        modifiers: [['Adjustable', 'Foldable'], ['Aluminum']],
        features: ['raises the screen to eye level', 'folds flat for the bag'],
      },
      {
        noun: 'USB Hub',
        price: [15, 69],
        modifiers: [['7-in-1', '4-Port'], ['USB-C']],
        features: ['adds HDMI, USB and SD ports to a laptop', 'passes power through while charging'],
      },
    ],
  },
  // ── Books ──────────────────────────────────────────────────────────────────────────────
  books: {
    brands: PUBLISHERS,
    audiences: ['book lovers', 'book clubs', 'avid readers'],
    kinds: [
      {
        noun: 'Box Set',
        price: [29, 129],
        template: 'The {bookTitle} Trilogy {noun}, {variant}',
        variants: ['Paperback', 'Hardcover'],
        features: ['collects all three books of the beloved series', 'makes a handsome gift'],
      },
      {
        noun: 'Journal',
        price: [9, 29],
        template: '{brand} {mods} {noun}, {variant}',
        modifiers: [['Guided', 'Dotted', 'Lined', 'Leather-Bound']],
        variants: ['A5', '192 Pages', COLORS[0]!],
        features: ['lies flat for easy writing', 'has thick paper that resists bleed-through'],
      },
      {
        noun: 'Planner',
        price: [12, 34],
        template: '{brand} {mods} {noun}, {variant}',
        modifiers: [['Undated', 'Weekly', 'Daily']],
        variants: ['Hardcover', 'Spiral Bound'],
        features: ['keeps goals, habits and appointments in one place', 'has monthly and weekly spreads'],
      },
    ],
  },
  fiction: {
    brands: PUBLISHERS,
    audiences: ['book clubs', 'avid readers', 'anyone who loves a good story'],
    kinds: [
      {
        noun: 'Novel',
        price: [9, 29],
        template: '{bookTitle}: A Novel, {variant}',
        variants: BOOK_FORMATS,
        features: [
          'tells a gripping story of family secrets',
          'has been praised as a modern classic',
          'keeps you turning pages late into the night',
          'follows two sisters across three decades',
        ],
      },
      {
        noun: 'Mystery',
        price: [8, 27],
        template: '{bookTitle}: A {mods} {noun}, {variant}',
        modifiers: [['Detective', 'Cozy', 'Psychological']],
        variants: BOOK_FORMATS,
        features: [
          'twists right up to the final page',
          'introduces an unforgettable detective',
          'was a bestseller in twelve countries',
        ],
      },
      {
        noun: 'Fantasy Novel',
        price: [9, 32],
        template: '{bookTitle}: Book One of the {saga} Saga, {variant}',
        slots: { saga: ['Ember', 'Iron Crown', 'Starfall', 'Hollow Moon', 'Dragon Gate'] },
        variants: BOOK_FORMATS,
        features: [
          'builds a rich, magical world',
          'begins an epic adventure',
          'is perfect for fans of high fantasy',
        ],
      },
      {
        noun: 'Science Fiction Novel',
        price: [9, 29],
        template: '{bookTitle}: A Science Fiction Novel, {variant}',
        variants: BOOK_FORMATS,
        features: ['imagines a daring future among the stars', 'asks what it means to be human'],
      },
    ],
  },
  'non-fiction': {
    brands: PUBLISHERS,
    audiences: ['curious minds', 'lifelong learners', 'graduates'],
    kinds: [
      {
        noun: 'Self-Help Book',
        price: [12, 32],
        template: '{topic}: {subtitle}, {variant}',
        slots: {
          topic: [
            'Deep Habits',
            'The Curious Mind',
            'Quiet Strength',
            'The Long Game',
            'Small Steps',
            'The Art of Rest',
          ],
          subtitle: [
            'How Small Changes Lead to Big Results',
            'Lessons for a Calmer Life',
            'The Science of Doing Better',
            'A Practical Guide to Focus',
          ],
        },
        variants: BOOK_FORMATS,
        features: [
          'offers practical steps you can use today',
          'draws on the latest research',
          'is warm, wise and funny',
        ],
      },
      {
        noun: 'History Book',
        price: [14, 38],
        template: 'The {bookTitle}: A History of {subject}, {variant}',
        slots: {
          subject: [
            'the Silk Road',
            'the Atlantic',
            'Ancient Rome',
            'the Space Race',
            'Coffee',
            'the Printing Press',
          ],
        },
        variants: BOOK_FORMATS,
        features: ['brings the past vividly to life', 'is based on years of archival research'],
      },
      {
        noun: 'Biography',
        price: [14, 35],
        template: '{bookTitle}: The Life of {person}, {variant}',
        slots: {
          person: [
            'a Pioneering Scientist',
            'an American Inventor',
            'a Legendary Chef',
            'a Mountain Climber',
          ],
        },
        variants: BOOK_FORMATS,
        features: ['paints an intimate portrait', 'reads like a novel'],
      },
    ],
  },
  'childrens-books': {
    brands: PUBLISHERS,
    audiences: ['kids', 'new parents', 'grandparents', 'teachers'],
    kinds: [
      {
        noun: 'Picture Book',
        price: [6, 19],
        template: '{animal} and the {thing}: A {noun}, {variant}',
        slots: {
          animal: ['Little Fox', 'Sleepy Bear', 'Brave Bunny', 'Tiny Owl', 'Daisy the Duck', 'Max the Mouse'],
          thing: ['Big Storm', 'Moon', 'Lost Kite', 'Birthday Surprise', 'First Day of School'],
        },
        variants: ['Hardcover', 'Paperback', 'Board Book'],
        features: [
          'is perfect for bedtime',
          'has bright, playful illustrations',
          'teaches kindness and courage',
        ],
      },
      {
        noun: 'Activity Book',
        price: [5, 15],
        template: '{theme} {mods} {noun} for Kids Ages {age}',
        modifiers: [['Coloring', 'Sticker', 'Puzzle']],
        slots: {
          theme: ['Dinosaur', 'Unicorn', 'Space', 'Ocean Animals', 'Trucks'],
          age: ['3-5', '4-8', '6-9'],
        },
        features: ['keeps little hands busy for hours', 'has 100 pages of fun'],
      },
      {
        noun: 'Chapter Book',
        price: [6, 17],
        template: 'The {bookTitle} Mysteries: Book {number}, {variant}',
        slots: { number: ['1', '2', '3', '4'] },
        variants: ['Paperback', 'Hardcover'],
        features: ['is great for early readers', 'has short chapters and funny pictures'],
      },
    ],
  },
  cookbooks: {
    brands: PUBLISHERS,
    audiences: ['home cooks', 'new cooks', 'foodies'],
    kinds: [
      {
        noun: 'Cookbook',
        price: [12, 39],
        template: 'The {cuisine} {noun}: {count} Recipes for {occasion}, {variant}',
        slots: {
          cuisine: [
            'Mediterranean',
            'Vegan',
            'Italian',
            'Air Fryer',
            'Slow Cooker',
            'Sheet Pan',
            'Mexican',
            'Japanese',
          ],
          count: ['75', '100', '125', '150'],
          occasion: ['Busy Weeknights', 'Every Day', 'Beginners', 'the Whole Family'],
        },
        variants: ['Hardcover', 'Spiral Bound', 'Paperback'],
        features: [
          'has a photo for every recipe',
          'uses ingredients from any grocery store',
          'includes a guide to stocking the pantry',
        ],
      },
      {
        noun: 'Baking Book',
        price: [14, 39],
        template: '{bookTitle} Bakery: Breads, Cakes and Cookies, {variant}',
        variants: ['Hardcover'],
        features: ['explains the why behind every step', 'makes sourdough approachable'],
      },
    ],
  },
  // ── Home & Kitchen ─────────────────────────────────────────────────────────────────────
  home: {
    brands: ['Shark', 'Levoit', 'Dyson', ...HOME_BRANDS],
    audiences: ['new homeowners', 'busy families', 'pet owners'],
    kinds: [
      {
        noun: 'Vacuum Cleaner',
        price: [79, 599],
        modifiers: [['Cordless', 'Robot', 'Upright'], ['Pet Hair']],
        features: [
          'picks up pet hair from carpets and floors',
          'runs 60 minutes per charge',
          'empties without a mess',
        ],
        hasModelCode: true,
      },
      {
        noun: 'Air Purifier',
        price: [49, 399],
        modifiers: [['HEPA'], ['Smart', 'Quiet']],
        variants: ['for Large Rooms', 'for Bedrooms'],
        features: ['captures 99.97% of dust, pollen and smoke', 'runs whisper quiet at night'],
      },
      {
        noun: 'Storage Bins',
        collective: 'set',
        price: [12, 49],
        modifiers: [['Fabric', 'Clear Plastic', 'Stackable']],
        variants: ['Set of 3', 'Set of 6'],
        features: ['keeps closets and shelves tidy', 'folds flat when not in use'],
      },
      {
        noun: 'Humidifier',
        price: [25, 129],
        modifiers: [['Cool Mist', 'Ultrasonic']],
        features: ['runs up to 40 hours on one tank', 'shuts off automatically when empty'],
      },
    ],
  },
  kitchen: {
    brands: ['Acme', 'Cuisinart', 'OXO', 'KitchenAid', 'Ninja', 'Bodum', 'Lodge', 'Nordhaus', 'Hearth & Co'],
    audiences: ['home cooks', 'coffee lovers', 'newlyweds', 'new homeowners'],
    kinds: [
      {
        noun: 'Coffee Maker',
        price: [29, 299],
        modifiers: [['Programmable', 'Drip', 'Single Serve', 'Espresso']],
        variants: ['12-Cup', 'Black', 'Stainless Steel'],
        features: [
          'brews hot, flavorful coffee in minutes',
          'keeps coffee warm for two hours',
          'has a reusable filter',
          'can be set the night before',
        ],
      },
      {
        noun: 'French Press',
        price: [19, 59],
        modifiers: [['Stainless Steel', 'Glass', 'Insulated']],
        variants: ['34 oz', '12 oz', '51 oz'],
        features: [
          'brews rich, full-bodied coffee',
          'has a four-level filter that keeps grounds out',
          'makes cold brew overnight',
        ],
      },
      {
        noun: 'Coffee Grinder',
        price: [19, 149],
        modifiers: [['Burr', 'Electric', 'Manual']],
        features: ['grinds beans evenly for any brew method', 'has 18 grind settings'],
      },
      {
        noun: 'Coffee Mug',
        price: [8, 29],
        modifiers: [['Ceramic', 'Insulated', 'Travel']],
        variants: ['12 oz', '16 oz', 'Set of 4'],
        features: ['keeps coffee hot for hours', 'is dishwasher and microwave safe'],
      },
      {
        noun: 'Chef Knife',
        price: [19, 199],
        modifiers: [['8-inch'], ['German Steel', 'Japanese Steel', 'Damascus']],
        features: ['holds a razor-sharp edge', 'has a comfortable, balanced handle'],
      },
      {
        noun: 'Knife Set',
        price: [39, 299],
        modifiers: [['15-Piece', '8-Piece'], ['Stainless Steel']],
        variants: ['with Block', 'with Sharpener'],
        features: ['covers every cutting task', 'stores neatly in a hardwood block'],
      },
      {
        noun: 'Cookware Set',
        price: [59, 399],
        modifiers: [['Nonstick', 'Stainless Steel', 'Cast Iron']],
        variants: ['10-Piece', '12-Piece'],
        features: ['heats evenly on every stovetop', 'is oven safe to 500°F'],
      },
      {
        noun: 'Skillet',
        price: [19, 99],
        modifiers: [['Cast Iron', 'Nonstick', 'Stainless Steel']],
        variants: ['10-inch', '12-inch'],
        features: ['sears steaks beautifully', 'comes pre-seasoned and ready to use'],
      },
      {
        noun: 'Blender',
        price: [29, 399],
        modifiers: [['High-Speed', 'Personal', 'Countertop']],
        features: ['crushes ice and frozen fruit in seconds', 'cleans itself with a drop of soap'],
      },
      {
        noun: 'Air Fryer',
        price: [49, 199],
        modifiers: [['Digital'], ['XL', 'Compact']],
        variants: ['5.8 Qt', '4 Qt', '8 Qt'],
        features: ['crisps food with little or no oil', 'has eight one-touch presets'],
      },
      {
        noun: 'Electric Kettle',
        price: [19, 89],
        modifiers: [['Gooseneck', 'Glass', 'Stainless Steel']],
        features: ['boils water in under five minutes', 'holds the temperature for pour-over coffee and tea'],
      },
      {
        noun: 'Cutting Board',
        price: [12, 59],
        modifiers: [['Bamboo', 'Wooden', 'Plastic']],
        variants: ['Set of 3', 'Large'],
        features: ['is gentle on knife edges', 'has a juice groove'],
      },
    ],
  },
  furniture: {
    brands: ['Zinus', ...HOME_BRANDS, 'Woodcraft'],
    audiences: ['new homeowners', 'renters', 'remote workers'],
    kinds: [
      {
        noun: 'Office Chair',
        price: [89, 499],
        modifiers: [
          ['Ergonomic', 'Executive'],
          ['Mesh', 'Leather'],
        ],
        variants: COLORS.slice(0, 4),
        features: ['supports the lower back through long days', 'adjusts in height, tilt and armrests'],
      },
      {
        noun: 'Standing Desk',
        price: [199, 799],
        modifiers: [['Electric', 'Adjustable']],
        variants: ['48 x 24 inch', '55 x 28 inch', 'Walnut', 'White'],
        features: ['rises smoothly at the touch of a button', 'remembers four height presets'],
      },
      {
        noun: 'Bookshelf',
        price: [49, 249],
        modifiers: [['5-Tier', 'Ladder', 'Industrial']],
        variants: ['Walnut', 'White', 'Black'],
        features: ['holds up to 50 pounds per shelf', 'assembles in about 30 minutes'],
      },
      {
        noun: 'Coffee Table',
        price: [79, 399],
        modifiers: [['Mid-Century', 'Round', 'Lift-Top']],
        variants: ['Walnut', 'Oak', 'White'],
        features: ['has hidden storage for remotes and magazines', 'is made of solid wood'],
      },
      {
        noun: 'Sofa',
        price: [399, 1999],
        modifiers: [['Sectional', 'Velvet', 'Loveseat']],
        variants: COLORS.slice(2, 8),
        features: ['seats three comfortably', 'has stain-resistant fabric'],
      },
      {
        noun: 'Nightstand',
        price: [39, 199],
        modifiers: [['Wooden', 'Modern'], ['2-Drawer']],
        features: ['keeps bedside essentials close', 'has a built-in charging station'],
      },
    ],
  },
  bedding: {
    brands: ['Brooklinen', 'Casper', ...HOME_BRANDS],
    audiences: ['light sleepers', 'hot sleepers', 'new homeowners'],
    kinds: [
      {
        noun: 'Sheet Set',
        price: [29, 199],
        modifiers: [['Cotton', 'Bamboo', 'Linen', 'Microfiber'], ['Deep Pocket']],
        variants: ['Queen', 'King', 'Full', 'Twin'],
        features: ['gets softer with every wash', 'stays cool through the night'],
      },
      {
        noun: 'Comforter',
        price: [39, 249],
        modifiers: [['Down Alternative', 'All-Season']],
        variants: ['Queen', 'King'],
        features: ['is fluffy without being heavy', 'is machine washable'],
      },
      {
        noun: 'Pillows',
        collective: 'set',
        price: [15, 89],
        modifiers: [['Memory Foam', 'Cooling', 'Down Alternative']],
        variants: ['Set of 2', 'Queen', 'King'],
        features: ['supports the neck for side and back sleepers', 'keeps its shape night after night'],
      },
      {
        noun: 'Weighted Blanket',
        price: [39, 149],
        modifiers: [['Cooling']],
        variants: ['15 lbs', '20 lbs'],
        features: ['helps you fall asleep faster', 'has glass beads sewn into small pockets'],
      },
      {
        noun: 'Mattress Topper',
        price: [49, 249],
        modifiers: [['Memory Foam', 'Cooling Gel']],
        variants: ['Queen', 'King'],
        features: ['softens a firm mattress', 'relieves pressure on hips and shoulders'],
      },
    ],
  },
  decor: {
    brands: HOME_BRANDS,
    audiences: ['new homeowners', 'renters', 'anyone redecorating'],
    kinds: [
      {
        noun: 'Wall Art',
        price: [19, 199],
        modifiers: [
          ['Canvas', 'Framed'],
          ['Abstract', 'Botanical', 'Coastal'],
        ],
        variants: ['Set of 3', '24 x 36 inch'],
        features: ['arrives ready to hang', 'is printed with fade-resistant inks'],
      },
      {
        noun: 'Throw Pillow Covers',
        collective: 'set',
        price: [12, 39],
        modifiers: [['Velvet', 'Boho', 'Linen']],
        variants: ['Set of 2', '18 x 18 inch'],
        features: ['brightens up any sofa', 'has a hidden zipper'],
      },
      {
        noun: 'Table Lamp',
        price: [24, 149],
        modifiers: [['Modern', 'Ceramic', 'Touch']],
        features: ['casts a warm, even glow', 'has a USB port in the base'],
      },
      {
        noun: 'Scented Candle',
        price: [9, 39],
        modifiers: [['Soy'], ['Lavender', 'Vanilla', 'Sandalwood', 'Fresh Linen']],
        variants: ['8 oz', '3-Wick'],
        features: ['burns cleanly for 50 hours', 'fills the room with fragrance'],
      },
      {
        noun: 'Mirror',
        price: [39, 249],
        modifiers: [['Round', 'Full-Length', 'Arched']],
        features: ['makes small rooms feel bigger', 'has a slim metal frame'],
      },
      {
        noun: 'Area Rug',
        price: [49, 399],
        modifiers: [['Washable', 'Shag', 'Vintage']],
        variants: ['5 x 7 ft', '8 x 10 ft'],
        features: ['has a non-slip backing', 'hides everyday wear'],
      },
    ],
  },
  // ── Fashion ────────────────────────────────────────────────────────────────────────────
  fashion: {
    brands: APPAREL_BRANDS,
    audiences: ['anyone who loves style', 'dads', 'moms', 'graduates'],
    kinds: [
      {
        noun: 'Sunglasses',
        collective: 'pair',
        price: [15, 199],
        modifiers: [['Polarized'], ['Aviator', 'Round', 'Square']],
        variants: ['Black', 'Tortoise', 'Gold'],
        features: ['blocks 100% of UV rays', 'comes with a hard case'],
      },
      {
        noun: 'Watch',
        price: [39, 399],
        modifiers: [['Analog', 'Chronograph', 'Minimalist']],
        variants: ['Leather Strap', 'Stainless Steel Band'],
        features: ['is water resistant to 50 meters', 'has a scratch-resistant crystal'],
      },
      {
        noun: 'Belt',
        price: [15, 69],
        modifiers: [['Leather'], ['Reversible', 'Dress']],
        variants: ['Black', 'Brown'],
        features: ['is made of full-grain leather', 'has a brushed nickel buckle'],
      },
      {
        noun: 'Scarf',
        price: [12, 79],
        modifiers: [['Cashmere', 'Wool', 'Silk']],
        variants: COLORS.slice(0, 6),
        features: ['is soft and warm without itching', 'layers over any coat'],
      },
    ],
  },
  'mens-clothing': {
    brands: APPAREL_BRANDS,
    audiences: ['dads', 'brothers', 'boyfriends'],
    kinds: [
      {
        noun: 'T-Shirt',
        price: [9, 39],
        modifiers: [["Men's"], ['Cotton', 'Performance', 'Organic Cotton'], ['Crew Neck', 'V-Neck']],
        variants: COLORS,
        features: ['is soft from the first wear', 'keeps its shape wash after wash'],
      },
      {
        noun: 'Jeans',
        collective: 'pair',
        price: [29, 119],
        modifiers: [["Men's"], ['Slim Fit', 'Straight Fit', 'Relaxed Fit'], ['Stretch']],
        variants: ['Dark Wash', 'Light Wash', 'Black'],
        features: ['moves with you thanks to a touch of stretch', 'is cut from premium denim'],
      },
      {
        noun: 'Hoodie',
        price: [25, 89],
        modifiers: [["Men's"], ['Fleece', 'Lightweight'], ['Pullover', 'Zip-Up']],
        variants: COLORS,
        features: ['is brushed soft inside', 'has a roomy front pocket'],
      },
      {
        noun: 'Jacket',
        price: [49, 299],
        modifiers: [["Men's"], ['Waterproof', 'Puffer', 'Denim', 'Leather']],
        variants: COLORS.slice(0, 5),
        features: ['keeps out wind and rain', 'packs into its own pocket'],
      },
      {
        noun: 'Chino Pants',
        collective: 'pair',
        price: [29, 89],
        modifiers: [["Men's"], ['Slim Fit', 'Classic Fit']],
        variants: ['Khaki', 'Navy', 'Olive'],
        features: ['dresses up or down', 'has a wrinkle-resistant finish'],
      },
    ],
  },
  'womens-clothing': {
    brands: APPAREL_BRANDS,
    audiences: ['moms', 'sisters', 'girlfriends'],
    kinds: [
      {
        noun: 'Dress',
        price: [25, 169],
        modifiers: [["Women's"], ['Midi', 'Maxi', 'Wrap', 'Floral']],
        variants: COLORS,
        features: ['flatters every figure', 'has pockets', 'is light and breezy for summer'],
      },
      {
        noun: 'Leggings',
        collective: 'pair',
        price: [15, 89],
        modifiers: [["Women's"], ['High-Waisted'], ['Yoga', 'Running']],
        variants: ['Black', 'Navy', 'Heather Gray'],
        features: ['is squat-proof and sweat-wicking', 'has a hidden waistband pocket'],
      },
      {
        noun: 'Cardigan',
        price: [29, 149],
        modifiers: [["Women's"], ['Cashmere', 'Knit', 'Oversized']],
        variants: COLORS,
        features: ['layers beautifully', 'is soft and cosy'],
      },
      {
        noun: 'Jeans',
        collective: 'pair',
        price: [29, 129],
        modifiers: [["Women's"], ['Skinny', 'High-Rise', 'Wide-Leg']],
        variants: ['Dark Wash', 'Light Wash', 'Black'],
        features: ['holds its shape all day', 'is cut from premium stretch denim'],
      },
      {
        noun: 'Blouse',
        price: [19, 89],
        modifiers: [["Women's"], ['Silk', 'Chiffon', 'Button-Down']],
        variants: COLORS,
        features: ['goes from office to dinner', 'drapes beautifully'],
      },
    ],
  },
  shoes: {
    brands: ['Stride', 'Trailhead', 'Nimbus Footwear', 'Acme', 'Fleetfoot', 'Cobbler & Co'],
    audiences: ['runners', 'hikers', 'anyone on their feet all day'],
    kinds: [
      {
        noun: 'Running Shoes',
        collective: 'pair',
        price: [49, 189],
        modifiers: [
          ["Men's", "Women's"],
          ['Lightweight', 'Trail', 'Cushioned'],
        ],
        variants: ['Black', 'White', 'Blue', 'Gray'],
        features: ['cushions every stride', 'has a breathable mesh upper', 'grips on wet roads'],
      },
      {
        noun: 'Sneakers',
        collective: 'pair',
        price: [39, 159],
        modifiers: [
          ["Men's", "Women's"],
          ['Canvas', 'Leather', 'Slip-On'],
        ],
        variants: ['White', 'Black', 'Navy'],
        features: ['goes with everything', 'has a cushioned insole'],
      },
      {
        noun: 'Boots',
        collective: 'pair',
        price: [59, 279],
        modifiers: [
          ["Men's", "Women's"],
          ['Waterproof', 'Chelsea', 'Hiking'],
        ],
        variants: ['Brown', 'Black'],
        features: ['keeps feet dry on wet trails', 'is built to last for years'],
      },
      {
        noun: 'Sandals',
        collective: 'pair',
        price: [19, 99],
        modifiers: [
          ["Men's", "Women's"],
          ['Slide', 'Sport'],
        ],
        features: ['has a contoured footbed', 'dries quickly'],
      },
      {
        noun: 'Slippers',
        collective: 'pair',
        price: [15, 69],
        modifiers: [['Memory Foam', 'Fleece-Lined']],
        features: ['is cosy on cold floors', 'has a non-slip sole'],
      },
    ],
  },
  bags: {
    brands: ['Herschel', 'Samsonite', ...APPAREL_BRANDS.slice(0, 4), 'Trailhead'],
    audiences: ['travellers', 'students', 'commuters'],
    kinds: [
      {
        noun: 'Backpack',
        price: [25, 169],
        modifiers: [['Laptop', 'Travel', 'Hiking'], ['Water-Resistant']],
        variants: ['Black', 'Navy', 'Gray', 'Fits 15.6-inch Laptop'],
        features: [
          'has a padded laptop sleeve',
          'carries comfortably all day',
          'has a hidden anti-theft pocket',
        ],
      },
      {
        noun: 'Tote Bag',
        price: [15, 129],
        modifiers: [['Canvas', 'Leather']],
        variants: ['Natural', 'Black', 'Tan'],
        features: ['fits a laptop and lunch', 'has an inner zip pocket'],
      },
      {
        noun: 'Duffel Bag',
        price: [29, 149],
        modifiers: [['Weekender', 'Gym'], ['Waterproof']],
        features: ['has a separate shoe compartment', 'packs a long weekend'],
      },
      {
        noun: 'Wallet',
        price: [15, 89],
        modifiers: [['RFID Blocking'], ['Leather', 'Slim']],
        variants: ['Black', 'Brown'],
        features: ['holds 8 cards and cash', 'stays slim in a front pocket'],
      },
      {
        noun: 'Carry-On Luggage',
        price: [79, 349],
        modifiers: [['Hardside', 'Expandable']],
        variants: ['20-inch', '22-inch'],
        features: ['rolls smoothly on spinner wheels', 'fits in overhead bins'],
      },
    ],
  },
  // ── Sports & Outdoors ──────────────────────────────────────────────────────────────────
  sports: {
    brands: OUTDOOR_BRANDS,
    audiences: ['athletes', 'weekend warriors', 'coaches'],
    kinds: [
      {
        noun: 'Water Bottle',
        price: [12, 49],
        modifiers: [['Insulated'], ['Stainless Steel']],
        variants: ['32 oz', '24 oz', '40 oz'],
        features: ['keeps drinks cold for 24 hours', 'has a leakproof lid'],
      },
      {
        noun: 'Gym Bag',
        price: [19, 79],
        modifiers: [['Waterproof'], ['Sports']],
        features: ['has a ventilated shoe pocket', 'holds a full change of clothes'],
      },
      {
        noun: 'Fitness Tracker',
        price: [29, 149],
        modifiers: [['Waterproof']],
        features: ['counts steps and calories', 'tracks sleep automatically'],
      },
    ],
  },
  fitness: {
    brands: ['Gaiam', 'Manduka', 'Bowflex', ...OUTDOOR_BRANDS.slice(0, 4), 'CoreFlex'],
    audiences: ['yogis', 'home gym owners', 'anyone starting to work out'],
    kinds: [
      {
        noun: 'Yoga Mat',
        price: [15, 119],
        modifiers: [['Non-Slip', 'Extra Thick', 'Eco-Friendly', 'Travel']],
        variants: ['6mm', '1/4 Inch', 'Purple', 'Black', 'Teal'],
        features: [
          'grips the floor in every pose',
          'cushions knees and wrists',
          'rolls up light for the studio',
          'is free of latex and PVC',
        ],
      },
      {
        noun: 'Dumbbells',
        collective: 'set',
        price: [19, 399],
        modifiers: [['Adjustable', 'Hex', 'Neoprene']],
        variants: ['Pair', 'Set of 2', '52.5 lb'],
        features: ['replaces a rack of weights', 'has a comfortable, knurled grip'],
      },
      {
        noun: 'Resistance Bands',
        collective: 'set',
        price: [9, 39],
        modifiers: [['Loop', 'Fabric']],
        variants: ['Set of 5', 'Set of 3'],
        features: ['works every muscle group', 'packs into a small carry bag'],
      },
      {
        noun: 'Kettlebell',
        price: [19, 99],
        modifiers: [['Cast Iron', 'Vinyl Coated']],
        variants: ['15 lb', '25 lb', '35 lb'],
        features: ['has a wide handle for two-handed swings', 'has a flat base that stays put'],
      },
      {
        noun: 'Foam Roller',
        price: [12, 49],
        modifiers: [['High-Density', 'Textured']],
        features: ['eases sore muscles after a workout', 'keeps its shape'],
      },
      {
        noun: 'Yoga Block',
        price: [7, 24],
        modifiers: [['Cork', 'Foam']],
        variants: ['Set of 2'],
        features: ['pairs with any yoga mat', 'helps you reach deeper stretches'],
      },
      {
        noun: 'Jump Rope',
        price: [8, 29],
        modifiers: [['Speed', 'Weighted']],
        features: ['spins smoothly on ball bearings', 'adjusts to any height'],
      },
      {
        noun: 'Exercise Bike',
        price: [199, 999],
        modifiers: [['Indoor', 'Folding'], ['Magnetic']],
        features: ['rides quietly at any resistance', 'has a tablet holder'],
      },
    ],
  },
  camping: {
    brands: OUTDOOR_BRANDS,
    audiences: ['campers', 'hikers', 'scout troops'],
    kinds: [
      {
        noun: 'Tent',
        price: [49, 499],
        modifiers: [
          ['2-Person', '4-Person', '6-Person'],
          ['Waterproof', 'Instant', 'Backpacking'],
        ],
        features: ['sets up in under five minutes', 'stays dry in heavy rain', 'packs down small'],
      },
      {
        noun: 'Sleeping Bag',
        price: [29, 199],
        modifiers: [
          ['Mummy', 'Rectangular'],
          ['Lightweight', 'Cold Weather'],
        ],
        variants: ['20°F', '40°F'],
        features: ['keeps you warm on cold nights', 'stuffs into a compression sack'],
      },
      {
        noun: 'Headlamp',
        price: [12, 49],
        modifiers: [['Rechargeable'], ['LED']],
        variants: ['2-Pack', '400 Lumens'],
        features: ['lights the trail ahead', 'has a red night mode'],
      },
      {
        noun: 'Camping Stove',
        price: [29, 149],
        modifiers: [['Portable', 'Backpacking']],
        features: ['boils water in three minutes', 'folds into its own pot'],
      },
      {
        noun: 'Cooler',
        price: [29, 349],
        modifiers: [['Rotomolded', 'Soft-Sided']],
        variants: ['45 Qt', '20 Qt', '65 Qt'],
        features: ['keeps ice for five days', 'doubles as a seat'],
      },
      {
        noun: 'Hammock',
        price: [19, 79],
        modifiers: [['Camping'], ['Double', 'Lightweight']],
        features: ['hangs in minutes with tree straps', 'holds up to 500 pounds'],
      },
      {
        noun: 'Camping Chair',
        price: [19, 99],
        modifiers: [['Folding', 'Ultralight']],
        features: ['has a cup holder', 'folds into a carry bag'],
      },
    ],
  },
  cycling: {
    brands: ['Giro', 'Trek', 'Specialized', ...OUTDOOR_BRANDS.slice(0, 3), 'Velocita'],
    audiences: ['cyclists', 'commuters', 'weekend riders'],
    kinds: [
      {
        noun: 'Bike Helmet',
        price: [29, 199],
        modifiers: [['Road', 'Mountain', 'Kids'], ['Lightweight']],
        variants: ['Medium', 'Large', 'Matte Black'],
        features: ['is certified for safety', 'has 18 vents to keep you cool'],
      },
      {
        noun: 'Bike Lights',
        collective: 'set',
        price: [15, 69],
        modifiers: [['Rechargeable'], ['LED']],
        variants: ['Front and Rear Set'],
        features: ['is visible from half a mile away', 'charges over USB'],
      },
      {
        noun: 'Bike Lock',
        price: [19, 99],
        modifiers: [['U-Lock', 'Folding', 'Cable']],
        features: ['resists bolt cutters', 'mounts to the frame'],
      },
      {
        noun: 'Bike Pump',
        price: [15, 59],
        modifiers: [['Floor', 'Mini']],
        features: ['fits both Presta and Schrader valves', 'has an easy-read gauge'],
      },
      {
        noun: 'Road Bike',
        price: [499, 2499],
        modifiers: [['Carbon', 'Aluminum']],
        variants: ['54 cm', '56 cm', '58 cm'],
        features: ['climbs and sprints with ease', 'shifts smoothly through 22 gears'],
      },
      {
        noun: 'Mountain Bike',
        price: [399, 1999],
        modifiers: [['Full Suspension', 'Hardtail']],
        variants: ['Medium', 'Large'],
        features: ['soaks up rough trails', 'has hydraulic disc brakes'],
      },
    ],
  },
  'team-sports': {
    brands: ['Wilson', 'Rawlings', 'Spalding', ...OUTDOOR_BRANDS.slice(0, 3)],
    audiences: ['young athletes', 'coaches', 'sports fans'],
    kinds: [
      {
        noun: 'Soccer Ball',
        price: [12, 49],
        modifiers: [['Official', 'Training']],
        variants: ['Size 5', 'Size 4'],
        features: ['holds its shape match after match', 'has a soft touch'],
      },
      {
        noun: 'Basketball',
        price: [15, 69],
        modifiers: [['Indoor', 'Outdoor']],
        variants: ['Size 7', 'Size 6'],
        features: ['has a deep channel design for control', 'grips well on any court'],
      },
      {
        noun: 'Baseball Glove',
        price: [25, 199],
        modifiers: [['Leather'], ['Youth', 'Adult']],
        variants: ['11.5-inch', '12-inch'],
        features: ['breaks in quickly', 'has a deep pocket'],
      },
      {
        noun: 'Hockey Stick',
        price: [29, 249],
        modifiers: [['Composite', 'Wood']],
        features: ['delivers a quick release', 'is light and balanced'],
      },
      {
        noun: 'Volleyball',
        price: [12, 59],
        modifiers: [['Beach', 'Indoor']],
        features: ['has a soft-touch cover', 'is tournament ready'],
      },
    ],
  },
  // ── Toys & Games ───────────────────────────────────────────────────────────────────────
  toys: {
    brands: TOY_BRANDS,
    audiences: ['kids', 'toddlers', 'grandchildren'],
    kinds: [
      {
        noun: 'Stuffed Animal',
        price: [9, 39],
        modifiers: [['Plush'], ['Unicorn', 'Teddy Bear', 'Dinosaur', 'Bunny', 'Sloth']],
        variants: ['12-inch', '18-inch'],
        features: ['is super soft and huggable', 'is safe for all ages'],
      },
      {
        noun: 'Remote Control Car',
        price: [25, 129],
        modifiers: [['4WD', 'High-Speed'], ['Off-Road']],
        features: ['reaches 25 mph', 'handles grass, gravel and sand'],
      },
      {
        noun: 'Play Kitchen',
        price: [49, 199],
        modifiers: [['Wooden'], ['Pretend']],
        features: ['has clicking knobs and a working sink', 'sparks imaginative play'],
      },
      {
        noun: 'Kite',
        price: [9, 39],
        modifiers: [['Rainbow', 'Dragon', 'Delta']],
        features: ['flies in light wind', 'is easy for kids to launch'],
      },
    ],
  },
  'board-games': {
    brands: ['Hasbro', 'Asmodee', 'Ravensburger', 'Acme Games', 'Meeple House'],
    audiences: ['families', 'game night', 'friends'],
    kinds: [
      {
        noun: 'Board Game',
        price: [15, 69],
        template: '{brand} {game} {mods} {noun}, {variant}',
        slots: {
          game: [
            'Harbor Lords',
            'Castle Quest',
            'Star Traders',
            'Dragon Keep',
            'Tiny Farms',
            'Mystery Mansion',
          ],
        },
        modifiers: [['Family', 'Strategy', 'Cooperative']],
        variants: ['2-4 Players', '2-6 Players', 'Ages 10+'],
        features: [
          'plays in about an hour',
          'is easy to learn and hard to master',
          'is different every time',
        ],
      },
      {
        noun: 'Card Game',
        price: [9, 29],
        template: '{brand} {game} {mods} {noun}',
        slots: { game: ['Word Rush', 'Sneaky Cats', 'Galaxy Draft', 'Quick Quips'] },
        modifiers: [['Party', 'Family']],
        features: ['plays in 15 minutes', 'fits in a pocket'],
      },
      {
        noun: 'Chess Set',
        price: [19, 149],
        modifiers: [['Wooden', 'Magnetic', 'Travel']],
        features: ['has weighted pieces', 'folds into its own storage box'],
      },
    ],
  },
  'building-sets': {
    brands: ['LEGO', 'LEGO', 'LEGO', 'Mega Bloks', 'Playmobil', 'Brickcraft'],
    audiences: ['young builders', 'kids', 'collectors'],
    kinds: [
      {
        noun: 'Building Set',
        price: [9, 199],
        modifiers: [
          ['City', 'Technic', 'Creator', 'Friends', 'Classic'],
          [
            'Fire Station',
            'Space Shuttle',
            'Pirate Ship',
            'Race Car',
            'Castle',
            'Treehouse',
            'Police Station',
          ],
        ],
        variants: ['350 Pieces', '520 Pieces', '1,050 Pieces', 'Ages 6+'],
        features: ['builds into a detailed model', 'includes minifigures', 'encourages creative play'],
      },
      {
        noun: 'Brick Box',
        price: [19, 59],
        modifiers: [['Classic', 'Creative']],
        variants: ['500 Pieces', '900 Pieces'],
        features: ['has bricks in 33 colors', 'comes with building ideas'],
      },
      {
        noun: 'Magnetic Tiles',
        collective: 'set',
        price: [29, 99],
        brands: ['Magna-Tiles', 'Playwell', 'Acme Toys'],
        modifiers: [['Clear Color', '3D']],
        variants: ['60 Pieces', '100 Pieces'],
        features: ['snaps together with strong magnets', 'teaches shapes and balance'],
      },
      {
        noun: 'Marble Run',
        price: [19, 79],
        brands: TOY_BRANDS,
        modifiers: [['Wooden', 'Glow-in-the-Dark']],
        features: ['builds into hundreds of tracks', 'teaches cause and effect'],
      },
    ],
  },
  dolls: {
    brands: ['Mattel', 'Hasbro', 'Playwell', 'Acme Toys', 'Little Giants'],
    audiences: ['kids', 'collectors'],
    kinds: [
      {
        noun: 'Fashion Doll',
        price: [9, 39],
        modifiers: [['Travel', 'Career', 'Fashionista']],
        variants: ['with Accessories'],
        features: ['comes with three outfits', 'has hair you can style'],
      },
      {
        noun: 'Action Figure',
        price: [9, 49],
        modifiers: [
          ['Posable', 'Collectible'],
          ['Superhero', 'Space Ranger', 'Knight'],
        ],
        variants: ['6-inch', '12-inch'],
        features: ['has 20 points of articulation', 'comes with a weapon accessory'],
      },
      {
        noun: 'Dollhouse',
        price: [49, 249],
        modifiers: [['Wooden'], ['3-Story']],
        features: ['comes with 15 pieces of furniture', 'opens up for easy play'],
      },
      {
        noun: 'Baby Doll',
        price: [14, 49],
        modifiers: [['Soft Body', 'Interactive']],
        features: ['comes with a bottle and blanket', 'is perfect for pretend play'],
      },
    ],
  },
  puzzles: {
    brands: ['Ravensburger', 'Buffalo Games', 'Acme Games', 'Cobble Hill', 'Meeple House'],
    audiences: ['puzzle lovers', 'families', 'grandparents'],
    kinds: [
      {
        noun: 'Jigsaw Puzzle',
        price: [9, 39],
        modifiers: [
          ['1000-Piece', '500-Piece', '300-Piece'],
          ['Landscape', 'Animal', 'World Map', 'Floral'],
        ],
        features: ['has pieces that fit snugly', 'comes with a poster for reference'],
      },
      {
        noun: '3D Puzzle',
        price: [14, 69],
        modifiers: [
          ['Wooden', 'Metal'],
          ['Castle', 'Globe', 'Ship'],
        ],
        features: ['builds into a display piece', 'needs no glue'],
      },
      {
        noun: 'Floor Puzzle',
        price: [9, 29],
        modifiers: [['Kids'], ['Alphabet', 'Dinosaur', 'Farm']],
        variants: ['24 Pieces', '48 Pieces'],
        features: ['has big pieces for little hands', 'wipes clean'],
      },
    ],
  },
  // ── Beauty ─────────────────────────────────────────────────────────────────────────────
  beauty: {
    brands: ['Philips', 'Oral-B', ...BEAUTY_BRANDS],
    audiences: ['anyone who loves self-care', 'moms', 'dads'],
    kinds: [
      {
        noun: 'Electric Toothbrush',
        price: [29, 199],
        modifiers: [['Rechargeable'], ['Sonic']],
        variants: ['with 2 Brush Heads', 'with Travel Case'],
        features: ['removes more plaque than a manual brush', 'has a two-minute timer'],
        hasModelCode: true,
      },
      {
        noun: 'Electric Shaver',
        price: [39, 249],
        modifiers: [['Rotary', 'Foil'], ['Wet and Dry']],
        features: ['shaves close without irritation', 'runs 60 minutes per charge'],
        hasModelCode: true,
      },
      {
        noun: 'Makeup Mirror',
        price: [19, 79],
        modifiers: [['LED', 'Lighted'], ['Magnifying']],
        features: ['has three light settings', 'rotates 360 degrees'],
      },
      {
        noun: 'Nail Polish Set',
        price: [9, 35],
        modifiers: [['Gel', 'Quick-Dry']],
        variants: ['6 Colors', '12 Colors'],
        features: ['lasts up to ten days without chipping', 'is free of harsh chemicals'],
      },
    ],
  },
  skincare: {
    brands: ['CeraVe', 'Neutrogena', ...BEAUTY_BRANDS],
    audiences: ['anyone building a skincare routine', 'sensitive skin'],
    kinds: [
      {
        noun: 'Moisturizer',
        price: [9, 69],
        modifiers: [['Daily', 'Hydrating', 'Oil-Free'], ['Face']],
        variants: ['1.7 oz', 'with SPF 30'],
        features: ['hydrates for 24 hours', 'absorbs quickly without feeling greasy'],
      },
      {
        noun: 'Serum',
        price: [12, 89],
        modifiers: [['Vitamin C', 'Hyaluronic Acid', 'Retinol'], ['Face']],
        variants: ['1 oz'],
        features: ['brightens dull skin', 'smooths fine lines'],
      },
      {
        noun: 'Cleanser',
        price: [7, 39],
        modifiers: [['Gentle', 'Foaming'], ['Face']],
        variants: ['8 oz', '16 oz'],
        features: ['removes makeup without stripping the skin', 'is fragrance free'],
      },
      {
        noun: 'Sunscreen',
        price: [9, 39],
        modifiers: [
          ['Mineral', 'Sheer'],
          ['SPF 50', 'SPF 30'],
        ],
        features: ['leaves no white cast', 'is water resistant for 80 minutes'],
      },
      {
        noun: 'Eye Cream',
        price: [14, 79],
        modifiers: [['Caffeine', 'Peptide']],
        features: ['reduces puffiness and dark circles', 'is gentle around the eyes'],
      },
    ],
  },
  makeup: {
    brands: ['Maybelline', "L'Oreal", ...BEAUTY_BRANDS],
    audiences: ['makeup lovers', 'beginners', 'professionals'],
    kinds: [
      {
        noun: 'Foundation',
        price: [9, 59],
        modifiers: [
          ['Liquid', 'Powder'],
          ['Matte', 'Dewy'],
        ],
        variants: ['Light', 'Medium', 'Tan', 'Deep'],
        features: ['gives buildable, natural coverage', 'lasts all day'],
      },
      {
        noun: 'Mascara',
        price: [7, 29],
        modifiers: [['Waterproof', 'Volumizing', 'Lengthening']],
        variants: ['Black', 'Brown'],
        features: ['lifts and separates every lash', 'never clumps'],
      },
      {
        noun: 'Lipstick',
        price: [7, 39],
        modifiers: [['Matte', 'Long-Lasting', 'Satin']],
        variants: ['Ruby Red', 'Nude Blush', 'Berry', 'Coral'],
        features: ['glides on smoothly', 'stays put for eight hours'],
      },
      {
        noun: 'Eyeshadow Palette',
        price: [12, 59],
        modifiers: [['Neutral', 'Smoky', 'Sunset']],
        features: ['blends effortlessly', 'has 12 matte and shimmer shades'],
      },
      {
        noun: 'Makeup Brush Set',
        price: [12, 49],
        modifiers: [['Vegan', 'Professional']],
        variants: ['12-Piece', '8-Piece'],
        features: ['has soft synthetic bristles', 'comes in a travel case'],
      },
    ],
  },
  haircare: {
    brands: ['Dyson', 'Conair', ...BEAUTY_BRANDS],
    audiences: ['anyone with curls', 'busy mornings'],
    kinds: [
      {
        noun: 'Shampoo',
        price: [7, 39],
        modifiers: [['Sulfate-Free', 'Moisturizing', 'Clarifying']],
        variants: ['16 oz', '12 oz'],
        features: ['cleans without drying', 'is safe for color-treated hair'],
      },
      {
        noun: 'Conditioner',
        price: [7, 39],
        modifiers: [['Deep', 'Leave-In'], ['Moisturizing']],
        variants: ['16 oz', '12 oz'],
        features: ['detangles instantly', 'adds shine without weight'],
      },
      {
        noun: 'Hair Dryer',
        price: [29, 429],
        modifiers: [['Ionic', 'Travel', 'Professional']],
        features: ['dries hair fast with less frizz', 'has three heat settings'],
        hasModelCode: true,
      },
      {
        noun: 'Flat Iron',
        price: [29, 199],
        modifiers: [['Ceramic', 'Titanium']],
        variants: ['1-inch', '1.5-inch'],
        features: ['heats up in 30 seconds', 'glides without snagging'],
      },
      {
        noun: 'Hair Oil',
        price: [9, 39],
        modifiers: [['Argan', 'Rosemary']],
        features: ['tames frizz and adds shine', 'protects against heat'],
      },
    ],
  },
  fragrance: {
    brands: ['Chanel', 'Dior', ...BEAUTY_BRANDS],
    audiences: ['her', 'him', 'anyone who loves fragrance'],
    kinds: [
      {
        noun: 'Eau de Parfum',
        price: [29, 219],
        template: '{brand} {scent} {noun} for {gender}, {variant}',
        slots: {
          scent: [
            'Midnight Rose',
            'Citrus Bloom',
            'Amber Woods',
            'Ocean Breeze',
            'Velvet Oud',
            'White Jasmine',
          ],
          gender: ['Women', 'Men'],
        },
        variants: ['1.7 oz', '3.4 oz'],
        features: ['opens with bright citrus and settles into warm amber', 'lasts from morning to night'],
      },
      {
        noun: 'Cologne',
        price: [25, 149],
        template: '{brand} {scent} {noun} for Men, {variant}',
        slots: { scent: ['Cedar', 'Sport', 'Intense', 'Blue', 'Noir'] },
        variants: ['3.4 oz', '1.7 oz'],
        features: ['blends fresh spice with woods', 'is perfect for every day'],
      },
      {
        noun: 'Body Mist',
        price: [9, 29],
        modifiers: [['Vanilla', 'Coconut', 'Peony']],
        variants: ['8 oz'],
        features: ['is light and refreshing', 'layers with matching lotion'],
      },
    ],
  },
  // ── Grocery ────────────────────────────────────────────────────────────────────────────
  grocery: {
    brands: GROCERY_BRANDS,
    audiences: ['foodies', 'the office', 'families'],
    kinds: [
      {
        noun: 'Gift Basket',
        price: [29, 119],
        modifiers: [['Gourmet'], ['Snack', 'Chocolate', 'Coffee']],
        features: ['is packed with crowd-pleasing treats', 'arrives beautifully wrapped'],
      },
      {
        noun: 'Protein Powder',
        price: [19, 69],
        modifiers: [['Whey', 'Plant-Based']],
        variants: ['Chocolate, 2 lb', 'Vanilla, 2 lb'],
        features: ['mixes smoothly', 'has 25 grams of protein per scoop'],
      },
    ],
  },
  'coffee-tea': {
    brands: [
      'Acme Coffee Co',
      'Blue Summit',
      'Morning Ritual',
      'Peak Roasters',
      'Twinbrook Tea',
      'Leaf & Kettle',
    ],
    audiences: ['coffee lovers', 'tea drinkers', 'the office'],
    kinds: [
      {
        noun: 'Whole Bean Coffee',
        price: [9, 32],
        modifiers: [
          ['Organic', 'Fair Trade'],
          ['Dark Roast', 'Medium Roast', 'Light Roast', 'Espresso Roast'],
        ],
        variants: ['12 oz', '2 lb', '5 lb'],
        features: [
          'has notes of chocolate and caramel',
          'is roasted in small batches',
          'is ethically sourced',
        ],
      },
      {
        noun: 'Ground Coffee',
        price: [7, 24],
        modifiers: [['Organic'], ['Dark Roast', 'Medium Roast', 'Decaf']],
        variants: ['12 oz', '24 oz'],
        features: ['brews a smooth, balanced cup', 'is ground for drip machines'],
      },
      {
        noun: 'Coffee Pods',
        collective: 'box',
        price: [12, 45],
        modifiers: [['Medium Roast', 'Dark Roast', 'Decaf']],
        variants: ['24 Count', '72 Count'],
        features: ['works in most single-serve brewers', 'comes in recyclable pods'],
      },
      {
        noun: 'Cold Brew Coffee',
        price: [9, 29],
        modifiers: [['Concentrate', 'Ready to Drink']],
        features: ['is smooth and low in acid', 'keeps two weeks in the fridge'],
      },
      {
        noun: 'Green Tea',
        price: [5, 24],
        modifiers: [['Organic'], ['Matcha', 'Jasmine', 'Sencha']],
        variants: ['100 Tea Bags', '4 oz Loose Leaf'],
        features: ['is rich in antioxidants', 'brews a fresh, grassy cup'],
      },
      {
        noun: 'Black Tea',
        price: [5, 24],
        modifiers: [['Earl Grey', 'English Breakfast', 'Chai']],
        variants: ['100 Tea Bags', '8 oz Loose Leaf'],
        features: ['brews bold and bright', 'is lovely with milk'],
      },
      {
        noun: 'Herbal Tea',
        price: [4, 19],
        modifiers: [['Chamomile', 'Peppermint', 'Rooibos']],
        variants: ['20 Tea Bags', '50 Tea Bags'],
        features: ['is naturally caffeine free', 'helps you wind down at night'],
      },
    ],
  },
  snacks: {
    brands: GROCERY_BRANDS,
    audiences: ['the office', 'road trips', 'movie night'],
    kinds: [
      {
        noun: 'Trail Mix',
        price: [6, 24],
        modifiers: [['Sweet', 'Salty'], ['Nut']],
        variants: ['26 oz', '12 Pack'],
        features: ['mixes nuts, seeds and dried fruit', 'is perfect for hikes'],
      },
      {
        noun: 'Potato Chips',
        collective: 'bag',
        price: [3, 19],
        modifiers: [['Kettle Cooked'], ['Sea Salt', 'Barbecue', 'Salt & Vinegar']],
        variants: ['8 oz', '18 Pack'],
        features: ['is extra crunchy', 'is cooked in small batches'],
      },
      {
        noun: 'Granola Bars',
        collective: 'box',
        price: [5, 19],
        modifiers: [['Chewy', 'Crunchy', 'Protein']],
        variants: ['12 Count', '24 Count'],
        features: ['makes an easy breakfast on the go', 'is made with whole grain oats'],
      },
      {
        noun: 'Dark Chocolate',
        price: [4, 19],
        modifiers: [['Organic'], ['Sea Salt', 'Almond', 'Mint']],
        variants: ['3.5 oz', '6 Pack'],
        features: ['is rich and smooth', 'is made with fair trade cocoa'],
      },
      {
        noun: 'Mixed Nuts',
        collective: 'tub',
        price: [9, 29],
        modifiers: [['Roasted', 'Unsalted', 'Honey Roasted']],
        variants: ['16 oz', '2 lb'],
        features: ['is a good source of protein', 'stays fresh once opened'],
      },
    ],
  },
  pantry: {
    brands: GROCERY_BRANDS,
    audiences: ['home cooks', 'families'],
    kinds: [
      {
        noun: 'Olive Oil',
        price: [9, 39],
        modifiers: [['Extra Virgin'], ['Organic', 'Cold-Pressed']],
        variants: ['500 ml', '1 L'],
        features: ['has a peppery, fruity finish', 'is made from a single harvest'],
      },
      {
        noun: 'Pasta',
        price: [2, 12],
        modifiers: [
          ['Organic', 'Whole Wheat', 'Gluten-Free'],
          ['Spaghetti', 'Penne', 'Fusilli'],
        ],
        variants: ['16 oz', '6 Pack'],
        features: ['cooks to a perfect al dente', 'is bronze cut for a sauce-hugging texture'],
      },
      {
        noun: 'Rice',
        price: [5, 29],
        modifiers: [['Jasmine', 'Basmati', 'Brown']],
        variants: ['2 lb', '10 lb'],
        features: ['cooks up light and fluffy', 'is aged for extra aroma'],
      },
      {
        noun: 'Honey',
        price: [6, 39],
        modifiers: [['Raw', 'Manuka', 'Wildflower']],
        variants: ['12 oz', '32 oz'],
        features: ['is unfiltered and unpasteurized', 'comes from local beekeepers'],
      },
      {
        noun: 'Spice Set',
        price: [12, 49],
        modifiers: [['Organic'], ['Baking', 'Grilling', 'World']],
        variants: ['12 Jars', '20 Jars'],
        features: ['fills a spice rack in one go', 'is packed fresh'],
      },
      {
        noun: 'Peanut Butter',
        price: [3, 15],
        modifiers: [
          ['Natural', 'Organic'],
          ['Creamy', 'Crunchy'],
        ],
        variants: ['16 oz', '2 Pack'],
        features: ['is made from just peanuts and salt', 'needs no stirring'],
      },
    ],
  },
  beverages: {
    brands: ['Acme Beverage Co', 'Spring Creek', ...GROCERY_BRANDS.slice(1, 4)],
    audiences: ['the office', 'parties', 'families'],
    kinds: [
      {
        noun: 'Sparkling Water',
        price: [5, 24],
        modifiers: [['Lime', 'Grapefruit', 'Unflavored', 'Black Cherry']],
        variants: ['12 Pack', '24 Pack'],
        features: ['has zero calories and zero sweeteners', 'is crisp and refreshing'],
      },
      {
        noun: 'Energy Drink',
        price: [9, 39],
        modifiers: [['Sugar-Free', 'Natural']],
        variants: ['12 Pack'],
        features: ['has as much caffeine as a cup of coffee', 'has no artificial colors'],
      },
      {
        noun: 'Kombucha',
        price: [12, 39],
        modifiers: [['Organic'], ['Ginger', 'Berry', 'Original']],
        variants: ['6 Pack', '12 Pack'],
        features: ['is naturally fermented', 'supports healthy digestion'],
      },
      {
        noun: 'Coconut Water',
        price: [9, 29],
        modifiers: [['Pure', 'Pineapple']],
        variants: ['12 Pack'],
        features: ['is packed with electrolytes', 'has no added sugar'],
      },
      {
        noun: 'Hot Cocoa Mix',
        price: [5, 19],
        modifiers: [['Rich', 'Dark Chocolate']],
        variants: ['10 Packets', '16 oz'],
        features: ['makes a creamy cup in seconds', 'is great with marshmallows'],
      },
    ],
  },
};

/** Closing sentences any product may end its description with ({audience} is filled in). */
export const CLOSING_SENTENCES = [
  'A thoughtful gift for {audience}.',
  'Backed by a one-year limited warranty.',
  'Ships in recyclable, plastic-free packaging.',
  'Loved by {audience} everywhere.',
  'Satisfaction guaranteed or your money back within 30 days.',
  'Designed in California and built to last.',
];
