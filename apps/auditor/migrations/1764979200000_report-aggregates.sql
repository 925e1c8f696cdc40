-- Up Migration
-- Version 5: the record of processing, data map and charts count events per decision in a
-- period with GROUP BY in the database (issue 16). This index lets the allowed shares (or the
-- denials) of a period be read without scanning the period's other decisions.
-- Forward-only: there is no Down migration.

CREATE INDEX audit_records_decision_time ON audit_records (decision, decided_ms) WHERE parsed;
