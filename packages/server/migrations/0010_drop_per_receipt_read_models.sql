DROP TABLE "sales_receipt_lines" CASCADE;--> statement-breakpoint
DROP TABLE "sales_receipt_payments" CASCADE;--> statement-breakpoint
DROP TABLE "sales_receipt_vat" CASCADE;--> statement-breakpoint
DROP TABLE "sales_receipts" CASCADE;