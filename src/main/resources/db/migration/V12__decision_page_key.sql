-- The decision page (issue 15 item 3): the key that signs page links when vigil.gate.page.signing-key is unset,
-- generated once by the first replica that needs it and read by all (the primary key keeps it one).
CREATE TABLE gate_page_keys (
    name       VARCHAR(32)  PRIMARY KEY,
    secret     VARCHAR(128) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
