CREATE TABLE "sales_summary" (
	"tenant_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"terminal_id" uuid NOT NULL,
	"place_of_business_id" uuid NOT NULL,
	"key" text NOT NULL,
	"count" bigint NOT NULL,
	"return_count" bigint NOT NULL,
	"gross" bigint NOT NULL,
	"vat" bigint NOT NULL,
	"returns_gross" bigint NOT NULL,
	"discounts" bigint NOT NULL,
	"rounding" bigint NOT NULL,
	"quantity" bigint NOT NULL,
	"grams" boolean NOT NULL,
	"label" text,
	"label_seq" bigint,
	CONSTRAINT "sales_summary_pk" PRIMARY KEY("tenant_id","dimension","grain","period","terminal_id","place_of_business_id","key")
);
--> statement-breakpoint
ALTER TABLE "sales_summary" ADD CONSTRAINT "sales_summary_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill from the per-receipt read models (dropped by 0010): each day's and each month's sums.
INSERT INTO "sales_summary"
SELECT r.tenant_id, 'total', g.grain,
  CASE g.grain WHEN 'day' THEN r.business_day ELSE date_trunc('month', r.business_day)::date END,
  r.terminal_id, r.place_of_business_id, '',
  count(*) FILTER (WHERE r.kind = 'sale'), count(*) FILTER (WHERE r.kind = 'return'),
  sum(r.total), sum(r.vat_total), coalesce(sum(r.total) FILTER (WHERE r.kind = 'return'), 0),
  sum(r.discount_total), sum(r.rounding), 0, false, NULL, NULL
FROM "sales_receipts" r CROSS JOIN (VALUES ('day'), ('month')) g(grain)
GROUP BY r.tenant_id, g.grain, 4, r.terminal_id, r.place_of_business_id;--> statement-breakpoint
INSERT INTO "sales_summary"
SELECT r.tenant_id, 'hour', g.grain,
  CASE g.grain WHEN 'day' THEN r.business_day ELSE date_trunc('month', r.business_day)::date END,
  r.terminal_id, r.place_of_business_id, lpad(r.hour::text, 2, '0'),
  count(*) FILTER (WHERE r.kind = 'sale'), count(*) FILTER (WHERE r.kind = 'return'),
  sum(r.total), sum(r.vat_total), 0, 0, 0, 0, false, NULL, NULL
FROM "sales_receipts" r CROSS JOIN (VALUES ('day'), ('month')) g(grain)
GROUP BY r.tenant_id, g.grain, 4, r.terminal_id, r.place_of_business_id, 7;--> statement-breakpoint
INSERT INTO "sales_summary"
SELECT r.tenant_id, 'cashier', g.grain,
  CASE g.grain WHEN 'day' THEN r.business_day ELSE date_trunc('month', r.business_day)::date END,
  r.terminal_id, r.place_of_business_id, coalesce(r.cashier, ''),
  count(*) FILTER (WHERE r.kind = 'sale'), count(*) FILTER (WHERE r.kind = 'return'),
  sum(r.total), sum(r.vat_total), 0, 0, 0, 0, false, NULL, NULL
FROM "sales_receipts" r CROSS JOIN (VALUES ('day'), ('month')) g(grain)
GROUP BY r.tenant_id, g.grain, 4, r.terminal_id, r.place_of_business_id, 7;--> statement-breakpoint
INSERT INTO "sales_summary"
SELECT p.tenant_id, 'payment', g.grain,
  CASE g.grain WHEN 'day' THEN p.business_day ELSE date_trunc('month', p.business_day)::date END,
  p.terminal_id, p.place_of_business_id, p.method,
  count(*) FILTER (WHERE p.kind = 'sale'), count(*) FILTER (WHERE p.kind = 'return'),
  sum(p.amount), 0, 0, 0, 0, 0, false, NULL, NULL
FROM "sales_receipt_payments" p CROSS JOIN (VALUES ('day'), ('month')) g(grain)
GROUP BY p.tenant_id, g.grain, 4, p.terminal_id, p.place_of_business_id, 7;--> statement-breakpoint
INSERT INTO "sales_summary"
SELECT v.tenant_id, 'vat', g.grain,
  CASE g.grain WHEN 'day' THEN v.business_day ELSE date_trunc('month', v.business_day)::date END,
  v.terminal_id, v.place_of_business_id, v.vat_rate::text,
  count(*) FILTER (WHERE v.kind = 'sale'), count(*) FILTER (WHERE v.kind = 'return'),
  sum(v.gross), sum(v.vat), 0, 0, 0, 0, false, NULL, NULL
FROM "sales_receipt_vat" v CROSS JOIN (VALUES ('day'), ('month')) g(grain)
GROUP BY v.tenant_id, g.grain, 4, v.terminal_id, v.place_of_business_id, 7;--> statement-breakpoint
INSERT INTO "sales_summary"
SELECT l.tenant_id, 'product', g.grain,
  CASE g.grain WHEN 'day' THEN l.business_day ELSE date_trunc('month', l.business_day)::date END,
  l.terminal_id, l.place_of_business_id, l.article_number,
  count(*) FILTER (WHERE l.kind = 'sale'), count(*) FILTER (WHERE l.kind = 'return'),
  sum(l.amount), sum(l.vat), 0, 0, 0, sum(l.quantity), bool_or(l.unit = 'gram'),
  (array_agg(l.text ORDER BY l.seq DESC, l.line_no))[1], max(l.seq)
FROM "sales_receipt_lines" l CROSS JOIN (VALUES ('day'), ('month')) g(grain)
GROUP BY l.tenant_id, g.grain, 4, l.terminal_id, l.place_of_business_id, 7;
