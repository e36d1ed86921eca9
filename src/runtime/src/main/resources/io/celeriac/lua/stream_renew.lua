-- Resets the idle time of the entries this consumer holds, so that no one takes them for abandoned.
--
-- KEYS[1..10] the streams for priorities 0..9
-- ARGV[1] group, ARGV[2] consumer, ARGV[3..] tags "<priority>/<entry id>"
-- Returns how many entries were no longer pending for this consumer (claimed by someone else meanwhile).
local lost = 0
for i = 3, #ARGV do
  local slash = string.find(ARGV[i], '/', 1, true)
  local stream = KEYS[tonumber(string.sub(ARGV[i], 1, slash - 1)) + 1]
  local id = string.sub(ARGV[i], slash + 1)
  local owner = redis.call('XPENDING', stream, ARGV[1], id, id, 1)
  if #owner == 1 and owner[1][2] == ARGV[2] then
    redis.call('XCLAIM', stream, ARGV[1], ARGV[2], 0, id, 'JUSTID')
  else
    lost = lost + 1
  end
end
return lost
