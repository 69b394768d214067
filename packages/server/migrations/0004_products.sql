CREATE TABLE "product_barcodes" (
	"tenant_id" uuid NOT NULL,
	"barcode" text NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "product_barcodes_tenant_id_barcode_pk" PRIMARY KEY("tenant_id","barcode")
);
--> statement-breakpoint
CREATE TABLE "product_prices" (
	"tenant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"price_ore" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "product_prices_tenant_id_product_id_effective_from_pk" PRIMARY KEY("tenant_id","product_id","effective_from")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"article_number" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"vat_category" text NOT NULL,
	"group_name" text,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "products_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "product_barcodes" ADD CONSTRAINT "product_barcodes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_barcodes" ADD CONSTRAINT "product_barcodes_tenant_id_product_id_products_tenant_id_id_fk" FOREIGN KEY ("tenant_id","product_id") REFERENCES "public"."products"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_prices" ADD CONSTRAINT "product_prices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_prices" ADD CONSTRAINT "product_prices_tenant_id_product_id_products_tenant_id_id_fk" FOREIGN KEY ("tenant_id","product_id") REFERENCES "public"."products"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "products_tenant_article_number" ON "products" USING btree ("tenant_id","article_number");