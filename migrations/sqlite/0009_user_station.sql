-- Users belong to a station: on a database shared by several stations, a key opens
-- only its own station's records. NULL for users added before this; a station server
-- adopts them when it starts (Store::adopt_users).
ALTER TABLE users ADD COLUMN station_code TEXT;
