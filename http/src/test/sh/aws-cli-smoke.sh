#!/usr/bin/env bash
# Drives a running node with the AWS CLI (`aws timestream-write|timestream-query … --endpoint-url`): the calls a
# Timestream user makes from a shell, checked on their JSON output. Used by AwsCliIT.
#
# Usage: aws-cli-smoke.sh <endpoint-url>     (e.g. http://127.0.0.1:8080)
set -euo pipefail

endpoint="$1"
export AWS_ACCESS_KEY_ID=AKIDTIDEMARKTEST AWS_SECRET_ACCESS_KEY=tidemark-test-secret-key
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

tw() {
  aws --endpoint-url "$endpoint" --output json timestream-write "$@"
}

tq() {
  aws --endpoint-url "$endpoint" --output json timestream-query "$@"
}

expect() { # expect <what> <needle> <haystack>
  if ! grep -qF -- "$2" <<<"$3"; then
    echo "FAILED: $1: expected to find '$2' in: $3" >&2
    exit 1
  fi
}

out="$(tw create-database --database-name cli_db)"
expect "create-database" '"DatabaseName": "cli_db"' "$out"

out="$(tw create-table --database-name cli_db --table-name cpu \
  --retention-properties MemoryStoreRetentionPeriodInHours=12,MagneticStoreRetentionPeriodInDays=7)"
expect "create-table" '"MemoryStoreRetentionPeriodInHours": 12' "$out"

out="$(tw describe-table --database-name cli_db --table-name cpu)"
expect "describe-table" '"TableStatus": "ACTIVE"' "$out"

out="$(tw list-databases)"
expect "list-databases" '"cli_db"' "$out"

now_ms="$(( $(date +%s) * 1000 ))"
out="$(tw write-records --database-name cli_db --table-name cpu \
  --common-attributes '{"Dimensions":[{"Name":"host","Value":"h1"}],"MeasureValueType":"DOUBLE"}' \
  --records "[{\"MeasureName\":\"usage\",\"MeasureValue\":\"1.5\",\"Time\":\"$now_ms\"},
              {\"MeasureName\":\"usage\",\"MeasureValue\":\"2.5\",\"Time\":\"$((now_ms - 1000))\"}]")"
expect "write-records" '"Total": 2' "$out"

if out="$(tw write-records --database-name cli_db --table-name cpu \
  --records "[{\"Dimensions\":[{\"Name\":\"host\",\"Value\":\"h1\"}],\"MeasureName\":\"usage\",\"MeasureValue\":\"9\",\"Time\":\"$now_ms\"}]" 2>&1)"; then
  echo "FAILED: write-records over an existing point succeeded: $out" >&2
  exit 1
fi
expect "rejected write" "RejectedRecordsException" "$out"

# Query: the CLI follows NextToken itself (--page-size sets MaxRows) and merges the pages' Rows.
sql='SELECT host, measure_value::double AS usage FROM cli_db.cpu ORDER BY time'
out="$(tq query --query-string "$sql")"
expect "query: column info" '"Name": "usage"' "$out"
expect "query: scalar type" '"ScalarType": "DOUBLE"' "$out"
expect "query: first value" '"ScalarValue": "2.5"' "$out"
expect "query: second value" '"ScalarValue": "1.5"' "$out"
expect "query: status" '"CumulativeBytesMetered": 10000000' "$out"
out="$(tq query --query-string "$sql" --page-size 1)"
expect "paginated query: page 1" '"ScalarValue": "2.5"' "$out"
expect "paginated query: page 2" '"ScalarValue": "1.5"' "$out"
out="$(tq query --query-string "$sql" --no-paginate --max-rows 1)"
expect "one page: next token" '"NextToken": ' "$out"
if grep -qF '"ScalarValue": "1.5"' <<<"$out"; then
  echo "FAILED: --max-rows 1 answered more than one row: $out" >&2
  exit 1
fi
if out="$(tq query --query-string 'SELECT FROM' 2>&1)"; then
  echo "FAILED: a syntax error succeeded: $out" >&2
  exit 1
fi
expect "syntax error" "ValidationException" "$out"
expect "syntax error position" "line 1:" "$out"

arn="$(tw describe-database --database-name cli_db | grep -o '"Arn": "[^"]*"' | cut -d'"' -f4)"
tw tag-resource --resource-arn "$arn" --tags Key=team,Value=metrics >/dev/null
out="$(tw list-tags-for-resource --resource-arn "$arn")"
expect "list-tags-for-resource" '"team"' "$out"

if out="$(tw describe-table --database-name cli_db --table-name missing 2>&1)"; then
  echo "FAILED: describe-table of a missing table succeeded: $out" >&2
  exit 1
fi
expect "missing table" "ResourceNotFoundException" "$out"

tw delete-table --database-name cli_db --table-name cpu >/dev/null
tw delete-database --database-name cli_db >/dev/null
out="$(tw list-databases)"
if grep -qF '"cli_db"' <<<"$out"; then
  echo "FAILED: cli_db still listed after delete-database: $out" >&2
  exit 1
fi
# A configured endpoint (rather than --endpoint-url) keeps botocore's endpoint discovery on: the
# CLI asks DescribeEndpoints first, then sends the call to the Address it answered. CLIs older than
# the AWS_ENDPOINT_URL_<SERVICE> variables (aws-cli 1.29 / 2.13) would call AWS itself instead.
cli_version="$(aws --version 2>&1 | sed -n 's|^aws-cli/\([0-9.]*\).*|\1|p')"
case "$cli_version" in
  1.*) supports_configured_endpoint="$(printf '1.29.0\n%s\n' "$cli_version" | sort -V | head -1)" ;;
  *) supports_configured_endpoint="$(printf '2.13.0\n%s\n' "$cli_version" | sort -V | head -1)" ;;
esac
if [[ "$supports_configured_endpoint" == 1.29.0 || "$supports_configured_endpoint" == 2.13.0 ]]; then
  out="$(AWS_ENDPOINT_URL_TIMESTREAM_WRITE="$endpoint" aws --debug --output json timestream-write list-databases 2>&1)"
  expect "discovery: DescribeEndpoints asked" "Timestream_20181101.DescribeEndpoints" "$out"
  expect "discovery: call answered" '"Databases"' "$out"
else
  echo "aws-cli-smoke: aws-cli $cli_version has no AWS_ENDPOINT_URL_<SERVICE>; endpoint-discovery check skipped"
fi

echo "aws-cli-smoke: all checks passed"
