-- Self-service behind the 12366 menus: who may hear a taxpayer's filings, SMS reminder consent, complaint tickets and
-- satisfaction scores. taxpayers / taxpayer_filings come from 0001.

-- Numbers registered for a taxpayer besides taxpayers.phone (办税人员, 财务负责人, 法定代表人): a caller from one of them
-- may hear that taxpayer's filing status; nobody else may.
create table taxpayer_phones (
    taxpayer_id   text not null references taxpayers(taxpayer_id) on delete cascade,
    phone         text not null,
    role          text not null default '',
    primary key (taxpayer_id, phone)
);
create index on taxpayer_phones (phone);

-- Consent to filing-reminder SMS, one row per number and taxpayer: when and how it was given and withdrawn. Withdrawal
-- also puts the number in do_not_contact, the opt-out list campaigns already honour, in the same transaction.
create table sms_consents (
    phone            text not null,
    taxpayer_id      text not null,
    given_at         timestamptz not null,
    given_via        text not null,
    given_channel    text not null,
    withdrawn_at     timestamptz,
    withdrawn_via    text,
    withdrawn_channel text,
    primary key (phone, taxpayer_id)
);

-- Complaints and reports taken by phone; the ticket number is yyyyMMdd and the day's sequence number.
create table complaint_tickets (
    ticket        text primary key,
    kind          text not null check (kind in ('complaint', 'report')),
    caller        text not null,
    recording     text not null,
    channel_id    text not null,
    created_at    timestamptz not null,
    due_on        date not null,
    state         text not null default 'open' check (state in ('open', 'answered', 'closed')),
    -- One recording makes one ticket, even when the action runs again (a call taken over by another instance).
    unique (channel_id, recording)
);
create index on complaint_tickets (state, due_on);

create table complaint_ticket_days (
    day           date primary key,
    last_number   int not null
);

-- The caller's rating at the end of a call; seat call records join it on the channel id.
create table survey_scores (
    channel_id    text primary key,
    caller        text not null,
    score         int not null check (score between 1 and 9),
    recorded_at   timestamptz not null
);
