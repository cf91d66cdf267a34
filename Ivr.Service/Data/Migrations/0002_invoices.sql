-- Invoices: the registry behind invoice.verify when Invoices:Verifier = registry (deployments that sync invoice
-- data from the tax administration, and the demo's sample set loaded by `ivr invoices seed-sample`).

create table invoices (
    -- Empty for 数电票, which have no code and a 20-digit number; otherwise 10 or 12 digits and an 8-digit number.
    code             text not null default '' check (code ~ '^([0-9]{10}|[0-9]{12})?$'),
    number           text not null,
    issued_on        date not null,
    seller_name      text not null,
    seller_tax_id    text not null,
    buyer_name       text not null,
    amount_excl_tax  numeric(16, 2) not null check (amount_excl_tax >= 0),
    tax              numeric(16, 2) not null check (tax >= 0),
    total            numeric(16, 2) not null check (total >= 0),
    -- 校验码 (20 digits) of the kinds checked by its last 6 digits; null for kinds that have none.
    check_code       text check (check_code ~ '^[0-9]{20}$'),
    status           text not null default 'valid' check (status in ('valid', 'voided', 'red_reversed')),
    updated_at       timestamptz not null default now(),
    primary key (code, number),
    check ((code = '' and number ~ '^[0-9]{20}$') or (code <> '' and number ~ '^[0-9]{8}$'))
);
