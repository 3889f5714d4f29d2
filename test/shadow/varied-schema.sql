-- A schema touching every column kind the synthesizer handles, with composite and unique keys,
-- foreign keys (one self-referencing, one composite), ENUM/SET, generated columns and NOT NULL
-- columns without defaults.
CREATE TABLE customers (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  email VARCHAR(120) NOT NULL,
  name VARCHAR(60) NOT NULL,
  country CHAR(2) NOT NULL,
  tier ENUM('free', 'pro', 'enterprise') NOT NULL DEFAULT 'free',
  flags SET('beta', 'vip', 'muted') NOT NULL,
  referrer_id INT UNSIGNED NULL,
  score DECIMAL(7,2) NULL,
  ratio DOUBLE NOT NULL,
  born DATE NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  active TINYINT(1) NOT NULL,
  email_domain VARCHAR(120) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_email (email),
  KEY idx_country (country),
  CONSTRAINT fk_referrer FOREIGN KEY (referrer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE products (
  sku CHAR(12) NOT NULL,
  title VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  price DECIMAL(10,2) UNSIGNED NOT NULL,
  weight FLOAT NULL,
  stock SMALLINT NOT NULL,
  launch_year YEAR NOT NULL,
  opens TIME NOT NULL,
  checksum BINARY(16) NOT NULL,
  thumbnail BLOB NULL,
  bits BIT(5) NOT NULL,
  attrs JSON NOT NULL,
  PRIMARY KEY (sku),
  UNIQUE KEY uq_checksum (checksum),
  UNIQUE KEY uq_title_prefix (title(6))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id INT UNSIGNED NOT NULL,
  status VARCHAR(16) NOT NULL,
  total DECIMAL(12,2) NOT NULL,
  note VARCHAR(255) NULL,
  placed_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY idx_customer (customer_id),
  KEY idx_status (status),
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_lines (
  order_id BIGINT UNSIGNED NOT NULL,
  line_no SMALLINT UNSIGNED NOT NULL,
  sku CHAR(12) NOT NULL,
  qty INT NOT NULL,
  line_total DECIMAL(12,2) AS (qty * 1.5) STORED,
  PRIMARY KEY (order_id, line_no),
  KEY idx_sku (sku),
  CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_lines_product FOREIGN KEY (sku) REFERENCES products (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE favourites (
  customer_id INT UNSIGNED NOT NULL,
  sku CHAR(12) NOT NULL,
  added DATE NOT NULL,
  PRIMARY KEY (customer_id, sku),
  CONSTRAINT fk_fav_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
  CONSTRAINT fk_fav_product FOREIGN KEY (sku) REFERENCES products (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE shipments (
  order_id BIGINT UNSIGNED NOT NULL,
  line_no SMALLINT UNSIGNED NOT NULL,
  carrier VARCHAR(20) NOT NULL,
  tracking VARCHAR(40) NOT NULL,
  UNIQUE KEY uq_tracking (carrier, tracking),
  KEY idx_line (order_id, line_no),
  CONSTRAINT fk_ship_line FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
