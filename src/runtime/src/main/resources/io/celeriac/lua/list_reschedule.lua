-- Replaces one in-flight message by its next attempt in the delayed set (a retry), in one atomic step.
--
-- KEYS[1] delayed zset, KEYS[2] this consumer's in-flight hash
-- ARGV[1] due ms, ARGV[2] delayed member (priority digit + message), ARGV[3] delivery tag
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
return redis.call('HDEL', KEYS[2], ARGV[3])
