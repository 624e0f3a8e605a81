-- A live hold becomes a booking in ONE round trip (issue 16, "cheaper bookings"; docs/adr/0003).
-- It was four (begin, the hold's delete with the person's lock, the limits with the insert,
-- commit). A VOLATILE function takes a fresh snapshot for each statement it runs, so its second
-- statement, run after the person's advisory lock, sees a concurrent confirmation of the same
-- person that committed while it waited — what the separate statement after the lock did in the
-- transaction before. One statement from the client is one transaction: the hold's delete, the
-- booking and its confirmation e-mail are written together, or nothing (the hold stays).
-- `held`: a live hold was there; `recent`, `oldest_ms`: the person's limits as counted; a
-- `booking_id` only when the booking was made. A second active booking of the person for the
-- action still fails on `bookings_one_active_per_person` (23505), as before.
CREATE OR REPLACE FUNCTION confirm_hold(
	p_hold bytea,
	p_now timestamptz,
	p_person text,
	p_reference text,
	p_token bytea,
	p_full_name text,
	p_birth_date date,
	p_nationality text,
	p_document text,
	p_email text,
	p_phone text,
	p_proceeding text,
	p_locale text,
	p_channel text,
	p_idempotency text,
	p_per_window integer,
	p_window_start timestamptz,
	p_late_max bigint,
	p_late_hours integer,
	p_late_start timestamptz,
	p_mail_to text,
	p_mail_subject text,
	p_mail_text text,
	p_mail_unsubscribe text
) RETURNS TABLE (held boolean, recent integer, oldest_ms double precision, booking_id uuid)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
	-- Two confirmations for one person at once: the second waits here, then counts the first.
	PERFORM pg_advisory_xact_lock(hashtext(p_person));
	RETURN QUERY
	WITH late AS (
		SELECT b.cancelled_at AS at FROM bookings b JOIN slots s ON s.id = b.slot_id
		WHERE b.person_key = p_person AND b.cancelled_by = 'person'
			AND b.cancelled_at >= p_late_start
			AND b.cancelled_at > s.starts_at - make_interval(hours => p_late_hours)
		ORDER BY b.cancelled_at DESC LIMIT p_late_max
	), counted AS (
		SELECT
			(SELECT count(*)::int FROM bookings b
				WHERE b.person_key = p_person AND b.created_at >= p_window_start
					AND b.cancelled_at IS NULL) AS n_recent,
			(SELECT count(*) FROM late) AS n_late,
			(SELECT (extract(epoch FROM l.at) * 1000)::float8 FROM late l
				ORDER BY l.at DESC OFFSET p_late_max - 1 LIMIT 1) AS n_oldest_ms
	), hold AS (
		DELETE FROM booking_holds h
		WHERE h.token_hash = p_hold AND h.expires_at >= p_now
			AND (SELECT c.n_recent < p_per_window AND c.n_late < p_late_max FROM counted c)
		RETURNING h.slot_id
	), inserted AS (
		INSERT INTO bookings (slot_id, branch_id, service_id, reference, token_hash, person_key,
			full_name, birth_date, nationality, document_number, email, phone, proceeding_number,
			locale, channel, idempotency_key, created_at)
		SELECT hold.slot_id, s.branch_id, s.service_id, p_reference, p_token, p_person, p_full_name,
			p_birth_date, p_nationality, p_document, p_email, p_phone, p_proceeding, p_locale,
			p_channel, p_idempotency, p_now
		FROM hold JOIN slots s ON s.id = hold.slot_id
		RETURNING bookings.id
	), mailed AS (
		INSERT INTO mail_outbox (to_address, subject, text_body, list_unsubscribe)
		SELECT p_mail_to, p_mail_subject, p_mail_text, p_mail_unsubscribe
		FROM inserted WHERE p_mail_to IS NOT NULL
	)
	SELECT EXISTS (SELECT 1 FROM booking_holds h WHERE h.token_hash = p_hold AND h.expires_at >= p_now),
		c.n_recent, c.n_oldest_ms, (SELECT i.id FROM inserted i)
	FROM counted c;
END;
$$;
