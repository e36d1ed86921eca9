-- Replaces one in-flight message by its next attempt in the delayed set (a retry), in one atomic step. Only a
-- message still held is replaced, so a retried call or a message recovered meanwhile is not scheduled twice.
--
-- KEYS[1] delayed zset, KEYS[2] this consumer's in-flight hash
-- ARGV[1] due ms, ARGV[2] delayed member (priority digit + message), ARGV[3] delivery tag
-- Returns 1 if replaced, 0 if it was no longer held.
if redis.call('HDEL', KEYS[2], ARGV[3]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
return 1
