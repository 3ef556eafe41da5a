-- The example "shop" database: scripts/demo.sh builds a SQLite file from this and inspects it with
-- `mercator inspect -c examples/sqlite/atlas.hcl --env local`.
CREATE TABLE customers (
  id integer PRIMARY KEY AUTOINCREMENT,
  email varchar(255) NOT NULL UNIQUE,
  name text NOT NULL,
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE products (
  sku text NOT NULL PRIMARY KEY,
  title text NOT NULL,
  price numeric(10,2) NOT NULL CONSTRAINT price_positive CHECK (price > 0),
  active boolean NOT NULL DEFAULT true
) WITHOUT ROWID;
CREATE TABLE orders (
  id integer PRIMARY KEY AUTOINCREMENT,
  customer_id integer NOT NULL,
  status text NOT NULL DEFAULT 'new',
  total numeric(10,2) NOT NULL DEFAULT 0,
  CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);
CREATE TABLE order_items (
  order_id integer NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  sku text NOT NULL REFERENCES products (sku),
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  PRIMARY KEY (order_id, sku)
);
CREATE INDEX orders_open ON orders (customer_id) WHERE status <> 'closed';
CREATE INDEX customers_email_lower ON customers (lower(email));
CREATE INDEX order_items_by_quantity ON order_items (sku, quantity DESC);
