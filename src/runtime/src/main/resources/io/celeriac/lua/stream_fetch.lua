-- Reads up to ARGV[3] new entries of a queue's streams for this consumer, most urgent stream first. Reading
-- through the consumer group puts each entry in this consumer's pending list in the same step: a crash can
-- delay an entry (until its lease idles out), never lose it.
--
-- KEYS[1..10] the queue's streams for priorities 0..9
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] max entries
-- Returns a flat array: tag1, message1, ... where a tag is "<priority>/<entry id>".
local max = tonumber(ARGV[3])
local out = {}
for p = 1, #KEYS do
  local taken = #out / 2
  if taken >= max then break end
  local reply = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', max - taken, 'STREAMS', KEYS[p], '>')
  if reply then
    for _, entry in ipairs(reply[1][2]) do
      local fields = entry[2]
      local message = ''
      for i = 1, #fields, 2 do
        if fields[i] == 'm' then message = fields[i + 1] end
      end
      out[#out + 1] = (p - 1) .. '/' .. entry[1]
      out[#out + 1] = message
    end
  end
end
return out
