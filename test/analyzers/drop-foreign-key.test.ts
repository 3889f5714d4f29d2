import { describe, expect, it } from 'vitest';
import { dropForeignKey } from '../../analyzers/drop-foreign-key.js';
import { expectFindings, expectNoFindings } from './lint-sql.js';

const ITEMS = { create: 'CREATE TABLE items (id INT PRIMARY KEY, order_id INT, CONSTRAINT fk_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE)', rows: 10 };

describe('drop-foreign-key', () => {
  it('accepts: re-adding the key under the same name, dropping an unrelated constraint', () => {
    expectNoFindings(dropForeignKey, 'ALTER TABLE items DROP FOREIGN KEY fk_order, ADD CONSTRAINT fk_order FOREIGN KEY (order_id) REFERENCES orders (id);', { tables: { items: ITEMS } });
    expectNoFindings(dropForeignKey, 'ALTER TABLE items DROP CONSTRAINT chk_x;', { tables: { items: ITEMS } });
  });

  it('reports: DROP FOREIGN KEY names the relationship, the lost cascade and an orphan check', () => {
    const [f] = expectFindings(dropForeignKey, 'ALTER TABLE items DROP FOREIGN KEY fk_order;', { tables: { items: ITEMS } });
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/fk_order on items \(order_id → orders\).*its ON DELETE CASCADE stops running/);
    expect(f!.alternatives[0]!.sql[0]).toMatch(/^SELECT COUNT\(\*\) FROM `items` AS c LEFT JOIN `orders` AS p ON p.`id` = c.`order_id` WHERE c.`order_id` IS NOT NULL AND p.`id` IS NULL;/);
  });

  it('reports: DROP CONSTRAINT resolving to a foreign key, and an unknown key without schema', () => {
    expectFindings(dropForeignKey, 'ALTER TABLE items DROP CONSTRAINT fk_order;', { tables: { items: ITEMS } });
    expect(expectFindings(dropForeignKey, 'ALTER TABLE items DROP FOREIGN KEY fk_x;')[0]!.message).toContain('drydock does not know its definition');
  });
});
