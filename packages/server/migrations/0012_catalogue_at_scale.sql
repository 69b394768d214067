-- The catalogue at 100,000 articles: a trigram index for searching names, article numbers and
-- barcodes anywhere in the text (pg_trgm ships with PostgreSQL and PGlite), the configuration
-- version of each product's last change for sending registers only what changed, and an index
-- for a product's barcodes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "config_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The existing products: their search text, and the current version (a register at an older
-- version is sent them once more).
UPDATE "products" p SET
  "search_text" = lower(concat_ws(' ', p."article_number", p."name", (
    SELECT string_agg(b."barcode", ' ' ORDER BY b."barcode") FROM "product_barcodes" b
    WHERE b."tenant_id" = p."tenant_id" AND b."product_id" = p."id"))),
  "config_version" = (SELECT t."config_version" FROM "tenants" t WHERE t."id" = p."tenant_id");--> statement-breakpoint
CREATE INDEX "product_barcodes_tenant_product" ON "product_barcodes" USING btree ("tenant_id","product_id");--> statement-breakpoint
CREATE INDEX "product_prices_tenant_effective_from" ON "product_prices" USING btree ("tenant_id","effective_from");--> statement-breakpoint
CREATE INDEX "products_search_trgm" ON "products" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_tenant_config_version" ON "products" USING btree ("tenant_id","config_version");
