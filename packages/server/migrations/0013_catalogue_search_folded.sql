-- The catalogue search text again for the products written before the server lower-cased it
-- itself: migration 0012 used the database's lower(), which in the C locale (the test clusters',
-- and any `initdb --locale=C`) leaves Å, Ä, Ö and every other non-ASCII capital as it is, so
-- "ölglas" did not find "ÖLGLAS". The text now also holds the product's group. With ICU the
-- root locale's lower case (as JavaScript's toLowerCase); without it the Latin-1 capitals.
DO $$
DECLARE
  raw text := $raw$concat_ws(' ', p."article_number", p."name", p."group_name", (
    SELECT string_agg(b."barcode", ' ' ORDER BY b."barcode") FROM "product_barcodes" b
    WHERE b."tenant_id" = p."tenant_id" AND b."product_id" = p."id"))$raw$;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    EXECUTE 'UPDATE "products" p SET "search_text" = lower(' || raw || ' COLLATE "und-x-icu")';
  ELSE
    EXECUTE 'UPDATE "products" p SET "search_text" = translate(lower(' || raw || '), '
      || quote_literal('ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ') || ', '
      || quote_literal('àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþ') || ')';
  END IF;
END $$;
