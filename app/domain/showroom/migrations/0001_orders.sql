-- Modulor central order database, version 1: kiosks, orders, the two roles and what they may do.
-- Applied by `modulor orders init` (app/domain/showroom/central_db.py) in one transaction.

-- Group roles (NOLOGIN): each kiosk and each workshop login is made a member of one of them
-- (`modulor orders add-kiosk`, `modulor orders add-workshop`). Roles are cluster-wide, so they may
-- already exist when a second database is set up in the same cluster.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'modulor_kiosk') THEN
        CREATE ROLE modulor_kiosk NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'modulor_workshop') THEN
        CREATE ROLE modulor_workshop NOLOGIN;
    END IF;
END
$$;

REVOKE ALL ON SCHEMA modulor FROM PUBLIC;

-- Each kiosk's code space: its two-symbol prefix, and the database role that may use it.
CREATE TABLE modulor.kiosks (
    prefix        text PRIMARY KEY CHECK (prefix ~ '^[0-9A-HJKMNP-TV-Z]{2}$'),
    role_name     text NOT NULL UNIQUE,
    note          text NOT NULL DEFAULT '',
    registered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE modulor.orders (
    order_id          text PRIMARY KEY CHECK (order_id ~ '^[0-7][0-9A-HJKMNP-TV-Z]{25}$'),
    code              text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
    kiosk_prefix      text NOT NULL REFERENCES modulor.kiosks (prefix),
    created_at        timestamptz NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now(),
    catalog_id        text NOT NULL CHECK (length(catalog_id) <= 200),
    catalog_version   text NOT NULL CHECK (length(catalog_version) <= 200),
    design_json       text NOT NULL CHECK (octet_length(design_json) <= 20971520),
    price_gross       numeric NOT NULL CHECK (price_gross >= 0 AND price_gross <= 1000000000),
    currency          text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    lead_time_days    integer NOT NULL CHECK (lead_time_days BETWEEN 0 AND 3650),
    language          text NOT NULL DEFAULT '' CHECK (language ~ '^([a-z]{2,3}([_-][A-Za-z0-9]{2,8})?)?$'),
    contact           bytea CHECK (octet_length(contact) <= 65536),
    contact_scheme    text NOT NULL DEFAULT '' CHECK (contact_scheme IN ('', 'fernet', 'sealed')),
    status            text NOT NULL DEFAULT 'new'
                      CHECK (status IN ('new', 'received', 'in_production', 'shipped')),
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    status_changed_by text NOT NULL DEFAULT ''
);
CREATE INDEX orders_created_at ON modulor.orders (created_at);
CREATE INDEX orders_status ON modulor.orders (status, created_at);

-- The one thing a kiosk may do: submit an order in its own code space. SECURITY DEFINER runs it
-- with the owner's rights, so the kiosk roles need no privilege on any table. Idempotent: the
-- order id is the key, a resend returns 'duplicate' and changes nothing (except that a contact
-- resealed for the workshop replaces one under a kiosk's own key). A different order with a code
-- already taken is refused (unique_violation), never merged.
CREATE FUNCTION modulor.submit_order(
    p_order_id text, p_code text, p_created_at timestamptz, p_catalog_id text, p_catalog_version text,
    p_design_json text, p_price_gross numeric, p_currency text, p_lead_time_days integer, p_language text,
    p_contact bytea, p_contact_scheme text)
RETURNS text
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_prefix text := substr(p_code, 1, 2);
    v_code   text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM modulor.kiosks k WHERE k.prefix = v_prefix AND k.role_name = session_user) THEN
        RAISE EXCEPTION 'order %: the code prefix % is not registered to database role %',
            p_code, v_prefix, session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO modulor.orders (order_id, code, kiosk_prefix, created_at, catalog_id, catalog_version,
                                design_json, price_gross, currency, lead_time_days, language, contact,
                                contact_scheme)
    VALUES (p_order_id, p_code, v_prefix, p_created_at, p_catalog_id, p_catalog_version, p_design_json,
            p_price_gross, p_currency, p_lead_time_days, p_language, p_contact, p_contact_scheme)
    ON CONFLICT (order_id) DO NOTHING;
    IF FOUND THEN
        RETURN 'new';
    END IF;
    SELECT o.code INTO v_code FROM modulor.orders o WHERE o.order_id = p_order_id;
    IF v_code IS DISTINCT FROM p_code THEN
        RAISE EXCEPTION 'order id % is already order %, not %', p_order_id, v_code, p_code
            USING ERRCODE = 'unique_violation';
    END IF;
    UPDATE modulor.orders o SET contact = p_contact, contact_scheme = 'sealed'
     WHERE o.order_id = p_order_id AND o.contact_scheme = 'fernet' AND p_contact_scheme = 'sealed';
    RETURN 'duplicate';
END
$$;

REVOKE ALL ON FUNCTION modulor.submit_order(text, text, timestamptz, text, text, text, numeric, text, integer,
                                            text, bytea, text) FROM PUBLIC;
GRANT USAGE ON SCHEMA modulor TO modulor_kiosk, modulor_workshop;
GRANT EXECUTE ON FUNCTION modulor.submit_order(text, text, timestamptz, text, text, text, numeric, text, integer,
                                               text, bytea, text) TO modulor_kiosk;
-- The workshop reads every order and the kiosk register, and changes only an order's status.
GRANT SELECT ON modulor.orders, modulor.kiosks, modulor.schema_migrations TO modulor_workshop;
GRANT UPDATE (status, status_changed_at, status_changed_by) ON modulor.orders TO modulor_workshop;
