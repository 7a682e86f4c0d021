#!/bin/sh
# Regenerates the unreleased migration 0004_oversight from the schema files (while issue 9 is
# being built, several people change schema-oversight.ts). Serialised with flock.
set -e
cd "$(dirname "$0")/.."
exec 9>/tmp/bluelamp-records-regen.lock
flock 9
M=src/records/migrations
node -e '
const fs=require("fs");const p=process.argv[1]+"/meta/_journal.json";
const j=JSON.parse(fs.readFileSync(p));j.entries=j.entries.filter(e=>e.idx<4);fs.writeFileSync(p,JSON.stringify(j,null,2)+"\n");' "$M"
cp $M/0005_*.sql /tmp/bluelamp-0005.sql
rm -f $M/0004_*.sql $M/0005_*.sql $M/meta/0004_snapshot.json $M/meta/0005_snapshot.json
npx drizzle-kit generate --name oversight >/dev/null
npx drizzle-kit generate --custom --name record_history_append_only >/dev/null
cp /tmp/bluelamp-0005.sql $M/0005_record_history_append_only.sql
echo "regenerated 0004_oversight and 0005_record_history_append_only"
