-- Where an event's recipient came from: 'clause', 'local', 'discourse' or NULL (#13).
ALTER TABLE events ADD COLUMN recipient_source TEXT;
