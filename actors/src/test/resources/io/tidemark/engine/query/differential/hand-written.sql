-- Hand-written differential queries over the DataSet tables (diffdb.cpu, diffdb.metrics, diffdb.hosts).
-- Format: queries separated by blank lines; "-- duck: <sql>" gives DuckDB's text where the dialects
-- differ; "-- known: <reason>" marks a known Tidemark defect; other "--" lines are comments. Every top-level ORDER BY is total (host, measure_name, time
-- identify a cpu row); queries without one compare as multisets.

-- Aggregates
SELECT count(*) FROM diffdb.cpu

SELECT count(*), count(az), count(region), count(measure_value::double), count(measure_value::varchar) FROM diffdb.cpu

SELECT measure_name, count(*) FROM diffdb.cpu GROUP BY measure_name ORDER BY measure_name

SELECT host, sum(measure_value::double), min(measure_value::double), max(measure_value::double), avg(measure_value::double) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host ORDER BY host

SELECT region, count(DISTINCT host) FROM diffdb.cpu GROUP BY region ORDER BY region NULLS FIRST

SELECT count(DISTINCT measure_value::varchar), count(DISTINCT az), count(DISTINCT region) FROM diffdb.cpu

SELECT host, measure_name, count(*) FROM diffdb.cpu GROUP BY 1, 2 ORDER BY 1, 2

SELECT host, sum(measure_value::bigint) FROM diffdb.cpu GROUP BY host HAVING sum(measure_value::bigint) > 10000 ORDER BY host

SELECT host, count(*) AS n FROM diffdb.cpu GROUP BY host HAVING count(*) > 60 ORDER BY n DESC, host

SELECT sum(measure_value::double), max(host), avg(measure_value::bigint) FROM diffdb.cpu WHERE host = 'nope'

SELECT count(*), count(measure_value::double) FROM diffdb.cpu WHERE host = 'nope'

SELECT host, count(*) FROM diffdb.cpu WHERE host = 'nope' GROUP BY host

SELECT host, stddev_samp(measure_value::double), stddev_pop(measure_value::double), var_samp(measure_value::double), var_pop(measure_value::double) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host ORDER BY host

SELECT host, stddev(measure_value::double), variance(measure_value::double) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, bool_and(measure_value::boolean), bool_or(measure_value::boolean), every(measure_value::boolean) FROM diffdb.cpu WHERE measure_name = 'healthy' GROUP BY host ORDER BY host
-- duck: SELECT host, bool_and(measure_value::boolean), bool_or(measure_value::boolean), bool_and(measure_value::boolean) FROM diffdb.cpu WHERE measure_name = 'healthy' GROUP BY host ORDER BY host

SELECT host, count_if(measure_value::double < 0), count_if(measure_value::double = 0) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, min(measure_value::varchar), max(measure_value::varchar), min(time), max(time) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, max_by(measure_value::double, time), min_by(measure_value::double, time) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host ORDER BY host

SELECT host, max_by(time, measure_value::bigint) FROM diffdb.cpu WHERE measure_name = 'requests' AND host = 'h02' GROUP BY host

SELECT avg(measure_value::bigint), sum(measure_value::bigint), min(measure_value::bigint), max(measure_value::bigint) FROM diffdb.cpu

SELECT host, count(*) FILTER (WHERE measure_value::double > 50), sum(measure_value::double) FILTER (WHERE measure_value::double < 0) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT measure_value::double > 0, count(*) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY 1 ORDER BY 1

SELECT az, count(*) FROM diffdb.cpu GROUP BY az ORDER BY az NULLS LAST

SELECT region, az, count(*), sum(measure_value::double) FROM diffdb.cpu GROUP BY region, az ORDER BY region NULLS FIRST, az NULLS FIRST

SELECT sum(DISTINCT measure_value::bigint), count(DISTINCT measure_value::double), avg(DISTINCT measure_value::double) FROM diffdb.cpu

SELECT geometric_mean(measure_value::double) FROM diffdb.cpu WHERE measure_value::double > 0

SELECT host, corr(load, conns), covar_pop(load, conns), covar_samp(load, conns), regr_slope(conns, load), regr_intercept(conns, load) FROM diffdb.metrics WHERE measure_name = 'stats' GROUP BY host ORDER BY host

SELECT host, array_agg(measure_value::varchar ORDER BY time) FROM diffdb.cpu WHERE measure_name = 'status' GROUP BY host ORDER BY host

SELECT count(*) FROM (SELECT host, measure_name FROM diffdb.cpu GROUP BY host, measure_name) t

SELECT upper(host) AS h, count(*) FROM diffdb.cpu GROUP BY upper(host) ORDER BY h

SELECT length(measure_value::varchar) AS len, count(*) FROM diffdb.cpu WHERE measure_value::varchar IS NOT NULL GROUP BY 1 ORDER BY 1

SELECT host, max(measure_value::double) - min(measure_value::double) AS spread FROM diffdb.cpu GROUP BY host HAVING max(measure_value::double) - min(measure_value::double) > 100 ORDER BY spread DESC, host

SELECT count(*) FROM diffdb.cpu HAVING count(*) > 0

SELECT host FROM diffdb.cpu GROUP BY host HAVING bool_or(measure_name = 'healthy') ORDER BY host

-- Filters
SELECT host, time, measure_value::double FROM diffdb.cpu WHERE host IN ('h01', 'h03') AND measure_name = 'usage' AND measure_value::double BETWEEN 10 AND 40 ORDER BY host, time

SELECT count(*) FROM diffdb.cpu WHERE host NOT IN ('h01', 'h02', 'h03')

SELECT count(*) FROM diffdb.cpu WHERE measure_value::double NOT BETWEEN -5 AND 5

SELECT count(*) FROM diffdb.cpu WHERE host LIKE 'h0%' AND region LIKE '%-1'

SELECT DISTINCT host FROM diffdb.cpu WHERE host LIKE '_0_' AND host NOT LIKE '%2'

SELECT host, time, measure_value::varchar FROM diffdb.cpu WHERE measure_value::varchar LIKE 'err\_%' ESCAPE '\' ORDER BY host, time

SELECT count(*) FROM diffdb.cpu WHERE measure_value::varchar LIKE '%\%' ESCAPE '\'

SELECT count(*) FROM diffdb.cpu WHERE az IS NULL

SELECT count(*) FROM diffdb.cpu WHERE az IS NOT NULL AND region IS NULL

SELECT count(*) FROM diffdb.cpu WHERE az = 'az-a' OR region = 'eu-west-1'

SELECT count(*) FROM diffdb.cpu WHERE NOT (az = 'az-a')

SELECT count(*) FROM diffdb.cpu WHERE az IS DISTINCT FROM 'az-a'

SELECT count(*) FROM diffdb.cpu WHERE region IS NOT DISTINCT FROM NULL

SELECT count(*) FROM diffdb.cpu WHERE time >= timestamp '2026-03-10 11:30:00'

SELECT count(*) FROM diffdb.cpu WHERE time < timestamp '2026-03-10 11:30:00' AND time > timestamp '2026-03-10 11:10:00.5'

SELECT host, count(*) FROM diffdb.cpu WHERE time BETWEEN timestamp '2026-03-10 11:20:00' AND timestamp '2026-03-10 11:40:00' GROUP BY host ORDER BY host

SELECT host, time FROM diffdb.cpu WHERE measure_value::boolean ORDER BY host, time

SELECT count(*) FROM diffdb.cpu WHERE NOT measure_value::boolean

SELECT count(*) FROM diffdb.cpu WHERE measure_value::boolean = false OR measure_value::double < -10

SELECT count(*) FROM diffdb.cpu WHERE measure_value::bigint % 2 = 0

SELECT count(*) FROM diffdb.cpu WHERE measure_value::bigint > 1000000 OR measure_value::bigint < 0

SELECT count(*) FROM diffdb.cpu WHERE measure_value::double IN (0, 12.5, -3.25)

SELECT count(*) FROM diffdb.cpu WHERE measure_value::double = 0

SELECT count(*) FROM diffdb.cpu WHERE coalesce(az, 'none') = 'none'

SELECT count(*) FROM diffdb.cpu WHERE host = 'h01' AND (measure_name = 'usage' OR measure_name = 'status')

SELECT count(*) FROM diffdb.cpu WHERE measure_name IN ('usage', 'requests') AND NOT host IN ('h04')

SELECT count(*) FROM diffdb.cpu WHERE lower(measure_value::varchar) = 'ok'

-- Projections and scalar functions
SELECT host, time, CASE WHEN measure_value::double > 50 THEN 'high' WHEN measure_value::double > 0 THEN 'low' ELSE 'none' END FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, CASE measure_value::varchar WHEN 'ok' THEN 1 WHEN 'warn' THEN 2 END FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time

SELECT host, time, measure_name, coalesce(az, region, 'none'), nullif(measure_value::varchar, 'ok') FROM diffdb.cpu ORDER BY host, measure_name, time

SELECT host, time, measure_value::double * 2 + 1, measure_value::double / 4, -measure_value::double FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, measure_value::bigint + 7, measure_value::bigint * 3 - 1, measure_value::bigint % 7 FROM diffdb.cpu WHERE measure_name = 'requests' ORDER BY host, time

SELECT host, time, measure_value::bigint / 7, mod(measure_value::bigint, 5) FROM diffdb.cpu WHERE measure_name = 'requests' ORDER BY host, time
-- duck: SELECT host, time, CAST(trunc(measure_value::bigint / 7) AS BIGINT), mod(measure_value::bigint, 5) FROM diffdb.cpu WHERE measure_name = 'requests' ORDER BY host, time

SELECT host, time, abs(measure_value::double), ceil(measure_value::double), floor(measure_value::double), round(measure_value::double), round(measure_value::double, 1) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, sqrt(abs(measure_value::double)), power(measure_value::double, 2), sign(measure_value::double) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, ln(measure_value::double), log10(measure_value::double), log2(measure_value::double), exp(measure_value::double / 100) FROM diffdb.cpu WHERE measure_value::double > 0 ORDER BY host, time

SELECT host, time, abs(measure_value::bigint), sign(measure_value::bigint) FROM diffdb.cpu WHERE measure_name = 'requests' ORDER BY host, time

SELECT pi(), e(), sin(0.5), cos(0.5), tan(0.5), atan2(1.0, 2.0), degrees(pi()), radians(180.0), cbrt(27.0)
-- duck: SELECT pi(), exp(1), sin(0.5), cos(0.5), tan(0.5), atan2(1.0, 2.0), degrees(pi()), radians(180.0), cbrt(27.0)

SELECT greatest(1, 5, 3), least(4.5, 2.5), greatest('a', 'c', 'b')

SELECT DISTINCT upper(host), lower(upper(host)), length(region), reverse(host) FROM diffdb.cpu WHERE region IS NOT NULL

SELECT DISTINCT host, substr(host, 2), substr(host, 1, 2), substr(region, -3), substr(region, 2, 3) FROM diffdb.cpu WHERE region IS NOT NULL

SELECT DISTINCT host || '@' || region, replace(region, '-', '_'), replace(region, '-') FROM diffdb.cpu WHERE region IS NOT NULL
-- duck: SELECT DISTINCT host || '@' || region, replace(region, '-', '_'), replace(region, '-', '') FROM diffdb.cpu WHERE region IS NOT NULL

SELECT DISTINCT lpad(host, 6, '*'), rpad(host, 5, 'xy'), lpad(host, 2, '*'), strpos(region, '-'), position('-' IN region) FROM diffdb.cpu WHERE region IS NOT NULL

SELECT DISTINCT split_part(region, '-', 1), split_part(region, '-', 2), concat(host, '/', region) FROM diffdb.cpu WHERE region IS NOT NULL

SELECT trim('  x y  '), ltrim('  x '), rtrim('  x '), length('  x '), upper('mIxEd'), lower('ÄB')

SELECT DISTINCT measure_value::varchar, upper(measure_value::varchar) = 'OK' FROM diffdb.cpu WHERE measure_value::varchar IS NOT NULL

SELECT host, time, CAST(measure_value::bigint AS double), CAST(floor(measure_value::double) AS bigint) FROM diffdb.cpu WHERE measure_name IN ('usage', 'requests') ORDER BY host, measure_name, time

SELECT CAST('12' AS bigint) + 1, CAST('2.5' AS double) * 2, CAST(1 AS varchar) || 'x', CAST('true' AS boolean)

SELECT host, time, measure_value::double > 10 AND measure_value::double < 20, measure_value::double IS NULL FROM diffdb.cpu WHERE host = 'h03' ORDER BY host, time, 3 NULLS FIRST

SELECT host, time, if(measure_value::double > 0, 'pos', 'nonpos'), if(measure_value::double > 0, 1) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time
-- duck: SELECT host, time, CASE WHEN measure_value::double > 0 THEN 'pos' ELSE 'nonpos' END, CASE WHEN measure_value::double > 0 THEN 1 END FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT 1 + 2, 7 - 10, 3 * 4, 7 / 2, -7 / 2, 7 % 3, -7 % 3, 2.0 / 4
-- duck: SELECT 1 + 2, 7 - 10, 3 * 4, 3, -3, 7 % 3, -7 % 3, 2.0 / 4

SELECT NULL IS NULL, 1 = NULL, NULL AND false, NULL OR true, coalesce(NULL, 2), nullif(2, 2), nullif(3, 2)

-- ORDER BY, LIMIT, OFFSET, DISTINCT
SELECT host, measure_name, time, measure_value::double FROM diffdb.cpu ORDER BY measure_value::double DESC NULLS LAST, host, measure_name, time LIMIT 10

SELECT host, measure_name, time, measure_value::double FROM diffdb.cpu ORDER BY measure_value::double ASC NULLS FIRST, host, measure_name, time LIMIT 10

SELECT host, az, time FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY az NULLS FIRST, host DESC, time LIMIT 15

SELECT host, az, time FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY az DESC NULLS LAST, host, time DESC LIMIT 15

SELECT host, time FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time OFFSET 5 LIMIT 10

SELECT host, time FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY time DESC, host OFFSET 250

SELECT host, time FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY time, host LIMIT 0

SELECT host, count(*) AS c FROM diffdb.cpu GROUP BY host ORDER BY c DESC, host LIMIT 3

SELECT host, sum(measure_value::double) AS total FROM diffdb.cpu GROUP BY host ORDER BY total DESC NULLS LAST, host LIMIT 5

SELECT host, time FROM diffdb.cpu WHERE measure_name = 'healthy' ORDER BY length(host) DESC, host, time DESC LIMIT 7

SELECT host, measure_name FROM diffdb.cpu GROUP BY host, measure_name ORDER BY 2 DESC, 1

SELECT DISTINCT region FROM diffdb.cpu

SELECT DISTINCT region, az FROM diffdb.cpu ORDER BY region NULLS LAST, az NULLS LAST

SELECT DISTINCT measure_name FROM diffdb.cpu ORDER BY 1

SELECT DISTINCT measure_value::boolean FROM diffdb.cpu ORDER BY 1 NULLS FIRST

SELECT count(DISTINCT host), count(*) FROM (SELECT DISTINCT host, measure_name FROM diffdb.cpu) t

SELECT * FROM diffdb.hosts

SELECT * FROM diffdb.cpu WHERE host = 'h01' ORDER BY measure_name, time LIMIT 5

-- Joins
SELECT c.host, h.owner, count(*) FROM diffdb.cpu c JOIN diffdb.hosts h ON c.host = h.host GROUP BY c.host, h.owner ORDER BY c.host

SELECT c.host, h.owner, count(*) FROM diffdb.cpu c INNER JOIN diffdb.hosts h ON c.host = h.host AND c.measure_name = 'usage' GROUP BY 1, 2 ORDER BY 1

SELECT c.host, h.tier, count(*), count(h.host) FROM diffdb.cpu c LEFT JOIN diffdb.hosts h ON c.host = h.host GROUP BY c.host, h.tier ORDER BY c.host

SELECT h.host, c.host, count(c.time) FROM diffdb.cpu c RIGHT JOIN diffdb.hosts h ON c.host = h.host AND c.measure_name = 'requests' GROUP BY h.host, c.host ORDER BY h.host

SELECT c.host AS ch, h.host AS hh, count(*) FROM diffdb.cpu c FULL JOIN diffdb.hosts h ON c.host = h.host GROUP BY c.host, h.host ORDER BY ch NULLS FIRST, hh NULLS FIRST

SELECT c.host, h.host, c.n, h.measure_value::bigint FROM (SELECT host, count(*) AS n FROM diffdb.cpu GROUP BY host) c FULL OUTER JOIN diffdb.hosts h ON c.host = h.host

SELECT host, n, owner FROM (SELECT host, count(*) AS n FROM diffdb.cpu GROUP BY host) c JOIN (SELECT host, owner FROM diffdb.hosts) h USING (host) ORDER BY host

SELECT host, n, owner FROM (SELECT host, count(*) AS n FROM diffdb.cpu GROUP BY host) c LEFT JOIN (SELECT host, owner FROM diffdb.hosts) h USING (host) ORDER BY host

SELECT host, n, owner FROM (SELECT host, count(*) AS n FROM diffdb.cpu GROUP BY host) c FULL JOIN (SELECT host, owner FROM diffdb.hosts) h USING (host) ORDER BY host

SELECT m.measure_name, h.tier FROM (SELECT DISTINCT measure_name FROM diffdb.cpu) m CROSS JOIN (SELECT DISTINCT tier FROM diffdb.hosts) h ORDER BY 1, 2

SELECT u.host, count(*), sum(u.measure_value::double * r.measure_value::bigint) FROM diffdb.cpu u JOIN diffdb.cpu r ON u.host = r.host AND u.time = r.time WHERE u.measure_name = 'usage' AND r.measure_name = 'requests' GROUP BY u.host ORDER BY u.host

SELECT c.host, count(*) FROM diffdb.cpu c JOIN diffdb.hosts h ON c.host = h.host AND c.measure_value::double > h.measure_value::bigint / 20.0 GROUP BY c.host ORDER BY c.host

SELECT c.host, count(*) FROM diffdb.cpu c, diffdb.hosts h WHERE c.host = h.host AND h.tier = 'gold' GROUP BY c.host ORDER BY c.host

SELECT c.host, c.time, h.owner FROM diffdb.cpu c LEFT JOIN diffdb.hosts h ON c.host = h.host AND h.owner = 'web' WHERE c.measure_name = 'status' ORDER BY c.host, c.time

SELECT c.host, c.time FROM diffdb.cpu c LEFT JOIN diffdb.hosts h ON c.host = h.host WHERE h.host IS NULL AND c.measure_name = 'usage' ORDER BY c.host, c.time

SELECT s.host, count(*), avg(s.load), max(c.measure_value::double) FROM diffdb.metrics s JOIN diffdb.cpu c ON s.host = c.host AND date_trunc('hour', s.time) = date_trunc('hour', c.time) WHERE s.measure_name = 'stats' AND c.measure_name = 'usage' GROUP BY s.host ORDER BY s.host

SELECT a.host, b.host FROM diffdb.hosts a JOIN diffdb.hosts b ON a.tier = b.tier AND a.host < b.host ORDER BY 1, 2

SELECT a.host, b.host, a.owner FROM diffdb.hosts a LEFT JOIN diffdb.hosts b ON a.owner = b.owner AND a.host <> b.host ORDER BY 1, 2 NULLS FIRST

SELECT x.host, y.c FROM diffdb.hosts x JOIN (SELECT host, count(*) AS c FROM diffdb.cpu WHERE measure_name = 'status' GROUP BY host) y ON x.host = y.host JOIN (SELECT DISTINCT host FROM diffdb.metrics) z ON z.host = y.host ORDER BY 1

-- Derived tables, WITH, VALUES
WITH u AS (SELECT host, avg(measure_value::double) AS a FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host) SELECT host, a FROM u WHERE a > (SELECT avg(a) FROM u) ORDER BY host

WITH r AS (SELECT host, sum(measure_value::bigint) AS s FROM diffdb.cpu GROUP BY host), h AS (SELECT host, owner FROM diffdb.hosts) SELECT r.host, r.s, h.owner FROM r LEFT JOIN h ON r.host = h.host ORDER BY r.host

WITH a AS (SELECT host, measure_name FROM diffdb.cpu), b AS (SELECT host, count(*) AS n FROM a GROUP BY host) SELECT max(n), min(n), count(*) FROM b

SELECT t.host, t.n FROM (SELECT host, count(*) AS n FROM (SELECT host FROM diffdb.cpu WHERE measure_name = 'usage') s GROUP BY host) t WHERE t.n > 30 ORDER BY t.host

SELECT x, y FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) AS t(x, y) ORDER BY x

SELECT t.x, count(c.host) FROM (VALUES 'h01', 'h02', 'h42') AS t(x) LEFT JOIN diffdb.cpu c ON c.host = t.x GROUP BY t.x ORDER BY t.x
-- duck: SELECT t.x, count(c.host) FROM (VALUES ('h01'), ('h02'), ('h42')) AS t(x) LEFT JOIN diffdb.cpu c ON c.host = t.x GROUP BY t.x ORDER BY t.x

SELECT sum(x) FROM (VALUES 1, 2, 3, 4) AS t(x) WHERE x > 1
-- duck: SELECT sum(x) FROM (VALUES (1), (2), (3), (4)) AS t(x) WHERE x > 1

SELECT host, a AS average FROM (SELECT host, avg(measure_value::double) AS a FROM diffdb.cpu GROUP BY host) AS stats(host, a) ORDER BY host

-- Subqueries
SELECT host, (SELECT count(*) FROM diffdb.hosts) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, time FROM diffdb.cpu WHERE measure_value::double = (SELECT max(measure_value::double) FROM diffdb.cpu) ORDER BY host, time

SELECT count(*) FROM diffdb.cpu WHERE host IN (SELECT host FROM diffdb.hosts WHERE tier = 'gold')

SELECT count(*) FROM diffdb.cpu WHERE host NOT IN (SELECT host FROM diffdb.hosts)

SELECT count(*) FROM diffdb.cpu WHERE host NOT IN (SELECT owner FROM diffdb.hosts)

SELECT count(*) FROM diffdb.cpu WHERE region IN (SELECT region FROM diffdb.metrics WHERE host = 'h02')

SELECT h.host FROM diffdb.hosts h WHERE EXISTS (SELECT 1 FROM diffdb.cpu c WHERE c.host = h.host AND c.measure_name = 'status') ORDER BY h.host

SELECT h.host FROM diffdb.hosts h WHERE NOT EXISTS (SELECT 1 FROM diffdb.cpu c WHERE c.host = h.host AND c.measure_name = 'requests') ORDER BY h.host

SELECT h.host, (SELECT max(c.time) FROM diffdb.cpu c WHERE c.host = h.host) FROM diffdb.hosts h ORDER BY h.host

SELECT h.host, (SELECT count(*) FROM diffdb.cpu c WHERE c.host = h.host AND c.measure_value::double > 20) FROM diffdb.hosts h ORDER BY h.host

SELECT c.host, c.time FROM diffdb.cpu c WHERE c.measure_name = 'usage' AND c.measure_value::double > (SELECT avg(d.measure_value::double) + 30 FROM diffdb.cpu d WHERE d.host = c.host) ORDER BY c.host, c.time

SELECT host FROM diffdb.hosts WHERE measure_value::bigint > ALL (SELECT measure_value::bigint FROM diffdb.hosts WHERE tier = 'gold') ORDER BY host

SELECT host FROM diffdb.hosts WHERE measure_value::bigint < ANY (SELECT measure_value::bigint FROM diffdb.hosts WHERE tier = 'gold') ORDER BY host

SELECT host FROM diffdb.hosts WHERE host = SOME (SELECT host FROM diffdb.cpu WHERE measure_name = 'healthy') ORDER BY host

SELECT count(*) FROM diffdb.cpu c WHERE EXISTS (SELECT 1 FROM diffdb.hosts h WHERE h.host = c.host AND h.owner IS NULL)

SELECT host, count(*) FROM diffdb.cpu WHERE host IN (SELECT host FROM diffdb.cpu WHERE measure_name = 'healthy' AND NOT measure_value::boolean) GROUP BY host ORDER BY host

-- Set operations
SELECT host FROM diffdb.cpu UNION SELECT host FROM diffdb.hosts

SELECT host FROM diffdb.cpu WHERE measure_name = 'status' UNION ALL SELECT host FROM diffdb.hosts

SELECT host FROM diffdb.cpu INTERSECT SELECT host FROM diffdb.hosts

SELECT host FROM diffdb.cpu EXCEPT SELECT host FROM diffdb.hosts

SELECT host FROM diffdb.hosts EXCEPT SELECT host FROM diffdb.cpu

SELECT host FROM diffdb.cpu WHERE measure_name = 'status' INTERSECT ALL SELECT host FROM diffdb.cpu WHERE measure_name = 'healthy'

SELECT host FROM diffdb.cpu WHERE measure_name = 'usage' EXCEPT ALL SELECT host FROM diffdb.cpu WHERE measure_name = 'requests'

SELECT host, measure_name FROM diffdb.cpu UNION SELECT host, measure_name FROM diffdb.metrics ORDER BY 1, 2

SELECT region FROM diffdb.cpu UNION SELECT owner FROM diffdb.hosts ORDER BY 1 NULLS FIRST

SELECT 'cpu' AS t, count(*) FROM diffdb.cpu UNION ALL SELECT 'metrics', count(*) FROM diffdb.metrics UNION ALL SELECT 'hosts', count(*) FROM diffdb.hosts ORDER BY t

SELECT host FROM diffdb.hosts WHERE tier = 'gold' UNION SELECT host FROM diffdb.hosts WHERE owner = 'web' EXCEPT SELECT host FROM diffdb.hosts WHERE host = 'h01'

-- Window functions
SELECT host, time, row_number() OVER (PARTITION BY host ORDER BY time) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, measure_value::double, rank() OVER (PARTITION BY host ORDER BY measure_value::double), dense_rank() OVER (PARTITION BY host ORDER BY measure_value::double DESC) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, sum(measure_value::double) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, avg(measure_value::double) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, sum(measure_value::bigint) OVER (PARTITION BY host ORDER BY time) FROM diffdb.cpu WHERE measure_name = 'requests' ORDER BY host, time

SELECT host, time, sum(measure_value::bigint) OVER (PARTITION BY host), count(*) OVER () FROM diffdb.cpu WHERE measure_name = 'requests' ORDER BY host, time

SELECT host, time, lag(measure_value::double) OVER (PARTITION BY host ORDER BY time), lead(measure_value::double, 2, -1.0) OVER (PARTITION BY host ORDER BY time) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, first_value(measure_value::double) OVER (PARTITION BY host ORDER BY time), last_value(measure_value::double) OVER (PARTITION BY host ORDER BY time) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, last_value(measure_value::double) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), nth_value(measure_value::double, 2) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, ntile(4) OVER (PARTITION BY host ORDER BY time), percent_rank() OVER (PARTITION BY host ORDER BY time), cume_dist() OVER (PARTITION BY host ORDER BY time) FROM diffdb.cpu WHERE measure_name = 'requests' ORDER BY host, time

SELECT host, sum(measure_value::double) AS s, rank() OVER (ORDER BY sum(measure_value::double) DESC) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, time, min(measure_value::double) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING), max(measure_value::double) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, count(measure_value::varchar) OVER (PARTITION BY host ORDER BY time ROWS UNBOUNDED PRECEDING) FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time

SELECT host, time, row_number() OVER (ORDER BY time, host) FROM diffdb.cpu WHERE measure_name = 'healthy' ORDER BY host, time

SELECT host, time, measure_value::double FROM (SELECT host, time, measure_value::double, row_number() OVER (PARTITION BY host ORDER BY measure_value::double DESC, time) AS rn FROM diffdb.cpu WHERE measure_name = 'usage') t WHERE rn <= 2 ORDER BY host, time

SELECT region, host, avg(measure_value::double) OVER (PARTITION BY region) FROM diffdb.cpu WHERE measure_name = 'usage' AND time < timestamp '2026-03-10 11:10:00' ORDER BY host, 3

SELECT host, time, lag(time) OVER (PARTITION BY host ORDER BY time) FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time

SELECT host, time, sum(conns) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), lead(mode) OVER (PARTITION BY host ORDER BY time) FROM diffdb.metrics WHERE measure_name = 'stats' ORDER BY host, time

-- Multi-measure records
SELECT host, avg(load), sum(conns), count(mode), count(ok), count(*) FROM diffdb.metrics WHERE measure_name = 'stats' GROUP BY host ORDER BY host

SELECT measure_name, count(*), count(rx), count(load), count(conns) FROM diffdb.metrics GROUP BY measure_name ORDER BY measure_name

SELECT host, sum(rx), max(tx), min(time), max(time) FROM diffdb.metrics WHERE measure_name = 'net' GROUP BY host ORDER BY host

SELECT host, time, load, conns, mode, ok FROM diffdb.metrics WHERE measure_name = 'stats' AND (load IS NULL OR mode IS NULL) ORDER BY host, time

SELECT lower(mode), count(*) FROM diffdb.metrics WHERE mode LIKE '%usy' GROUP BY lower(mode) ORDER BY 1

SELECT ok, count(*), avg(conns) FROM diffdb.metrics WHERE measure_name = 'stats' GROUP BY ok ORDER BY ok NULLS FIRST

SELECT host, time, rx - tx, rx * 1.0 / (tx + 1) FROM diffdb.metrics WHERE measure_name = 'net' ORDER BY host, time

SELECT * FROM diffdb.metrics WHERE host = 'h01' ORDER BY time LIMIT 5

SELECT count(*) FROM diffdb.metrics WHERE load > 5 AND conns < 100 AND ok

SELECT region, count(*) FROM diffdb.metrics GROUP BY region ORDER BY region

-- Time
SELECT date_trunc('minute', time) AS m, count(*) FROM diffdb.cpu WHERE host = 'h01' GROUP BY 1 ORDER BY 1

SELECT date_trunc('hour', time), count(*) FROM diffdb.cpu GROUP BY 1 ORDER BY 1

SELECT host, time, extract(minute FROM time), hour(time), minute(time), second(time) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, millisecond(time) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time
-- duck: SELECT host, time, millisecond(time) % 1000 FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT DISTINCT year(time), month(time), day(time), day_of_week(time), day_of_year(time), quarter(time) FROM diffdb.cpu
-- duck: SELECT DISTINCT year(time), month(time), day(time), isodow(time), dayofyear(time), quarter(time) FROM diffdb.cpu

SELECT count(*) FROM diffdb.cpu WHERE time + interval '30' minute > timestamp '2026-03-10 12:00:00'

SELECT host, min(time) - interval '1' hour, max(time) + interval '2' day FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT DISTINCT CAST(time AS date) FROM diffdb.cpu

SELECT host, time FROM diffdb.cpu WHERE date_trunc('second', time) <> time AND measure_name = 'usage' ORDER BY host, time LIMIT 20

SELECT host, max(time), min(time) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host HAVING max(time) > timestamp '2026-03-10 11:55:00' ORDER BY host

SELECT host, time FROM diffdb.cpu ORDER BY time DESC, host, measure_name LIMIT 12

-- NULL semantics in joins, IN and set operations
SELECT count(*) FROM diffdb.cpu a JOIN diffdb.cpu b ON a.az = b.az WHERE a.measure_name = 'status' AND b.measure_name = 'healthy'

SELECT a.host, b.host FROM (SELECT DISTINCT host, az FROM diffdb.cpu) a FULL JOIN (SELECT DISTINCT host, az FROM diffdb.cpu WHERE host > 'h04') b ON a.az = b.az AND a.host = b.host ORDER BY 1 NULLS FIRST, 2 NULLS FIRST

SELECT az, n, m FROM (SELECT az, count(*) AS n FROM diffdb.cpu GROUP BY az) x FULL JOIN (SELECT az, count(DISTINCT host) AS m FROM diffdb.cpu GROUP BY az) y USING (az) ORDER BY az NULLS FIRST

SELECT c.host, count(h.owner) FROM diffdb.cpu c LEFT JOIN diffdb.hosts h ON c.host = h.host AND h.owner IS NOT NULL WHERE c.measure_name = 'usage' GROUP BY c.host ORDER BY c.host

SELECT c.host, count(*) FROM diffdb.cpu c JOIN diffdb.hosts h ON c.host = h.host WHERE h.owner IS NULL GROUP BY c.host ORDER BY c.host

SELECT count(*) FROM diffdb.cpu c JOIN diffdb.hosts h ON c.host = h.host AND h.host = 'nope'

SELECT c.host, count(h.host) FROM diffdb.cpu c LEFT JOIN (SELECT * FROM diffdb.hosts WHERE host = 'nope') h ON c.host = h.host GROUP BY c.host ORDER BY c.host

SELECT host, host IN (SELECT owner FROM diffdb.hosts), host NOT IN (SELECT owner FROM diffdb.hosts), host IN (SELECT host FROM diffdb.hosts) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, az IN ('az-a', NULL), az NOT IN ('az-b'), az = ANY (SELECT az FROM diffdb.cpu WHERE host = 'h01') FROM diffdb.cpu GROUP BY host, az ORDER BY host

SELECT az FROM diffdb.cpu UNION SELECT az FROM diffdb.cpu WHERE host = 'h02'

SELECT az, region FROM diffdb.cpu INTERSECT SELECT az, region FROM diffdb.cpu WHERE host IN ('h02', 'h07')

SELECT az FROM diffdb.cpu EXCEPT SELECT az FROM diffdb.cpu WHERE az IS NOT NULL

SELECT region, az FROM diffdb.cpu WHERE measure_name = 'healthy' EXCEPT ALL SELECT region, az FROM diffdb.cpu WHERE measure_name = 'status'

SELECT measure_value::bigint FROM diffdb.cpu WHERE host = 'h01' AND measure_name = 'requests' UNION ALL SELECT measure_value::double FROM diffdb.cpu WHERE host = 'h01' AND measure_name = 'usage'

SELECT x FROM (VALUES 1, 2, NULL) AS t(x) UNION SELECT y FROM (VALUES 2.5, NULL) AS u(y)
-- duck: SELECT x FROM (VALUES (1), (2), (NULL)) AS t(x) UNION SELECT y FROM (VALUES (2.5::DOUBLE), (NULL)) AS u(y)

SELECT CASE WHEN az = 'az-a' THEN 'a' WHEN az IS NULL THEN 'none' ELSE 'other' END, count(*) FROM diffdb.cpu GROUP BY 1 ORDER BY 1

SELECT count(*) FROM diffdb.cpu WHERE host LIKE NULL

SELECT length(az), upper(az), az || 'x', coalesce(az, region), nullif(az, 'az-a') FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY az, region ORDER BY 1 NULLS FIRST, 4 NULLS FIRST

-- More grouping and aggregation shapes
SELECT host, count(DISTINCT measure_name), count(DISTINCT measure_value::varchar), sum(DISTINCT measure_value::bigint) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, arbitrary(region), arbitrary(az) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, count(*) FROM diffdb.cpu GROUP BY host, host ORDER BY host

SELECT host FROM diffdb.cpu GROUP BY host ORDER BY max(measure_value::double) DESC, host

SELECT upper(host) AS h, count(*) AS n FROM diffdb.cpu GROUP BY host HAVING avg(measure_value::double) > 0 ORDER BY h

SELECT host, max(measure_value::boolean), min(measure_value::boolean) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, bitwise_and_agg(measure_value::bigint), bitwise_or_agg(measure_value::bigint) FROM diffdb.cpu WHERE measure_name = 'requests' AND measure_value::bigint >= 0 GROUP BY host ORDER BY host
-- duck: SELECT host, bit_and(measure_value::bigint), bit_or(measure_value::bigint) FROM diffdb.cpu WHERE measure_name = 'requests' AND measure_value::bigint >= 0 GROUP BY host ORDER BY host

SELECT host, kurtosis(measure_value::double), skewness(measure_value::double) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host ORDER BY host
-- duck: SELECT host, kurtosis(measure_value::double), skewness(measure_value::double) * (count(measure_value::double) - 2) / sqrt(count(measure_value::double) * (count(measure_value::double) - 1)) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host ORDER BY host

SELECT host, max(measure_value::double, 3), min(measure_value::bigint, 2) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, max_by(measure_value::double, time, 2), min_by(measure_value::double, time, 3) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host ORDER BY host

SELECT count(*), sum(measure_value::double) FROM diffdb.cpu HAVING sum(measure_value::double) > 0

SELECT host, (SELECT count(*) FROM diffdb.hosts h WHERE h.host = c.host) FROM diffdb.cpu c GROUP BY host ORDER BY host

SELECT host, EXISTS (SELECT 1 FROM diffdb.metrics m WHERE m.host = c.host AND m.measure_name = 'net') FROM diffdb.cpu c GROUP BY host ORDER BY host

SELECT host, count(*) FROM diffdb.cpu GROUP BY host HAVING count(*) > (SELECT avg(n) FROM (SELECT count(*) AS n FROM diffdb.cpu GROUP BY host) t) ORDER BY host

SELECT c.host, c.time FROM diffdb.cpu c WHERE c.measure_name = 'requests' AND EXISTS (SELECT 1 FROM diffdb.hosts h WHERE h.measure_value::bigint * 10 > c.measure_value::bigint AND h.tier = 'silver') ORDER BY c.host, c.time

WITH s AS (SELECT host, sum(measure_value::double) AS v FROM diffdb.cpu GROUP BY host) SELECT a.host, b.host FROM s a JOIN s b ON a.v < b.v AND a.host < b.host ORDER BY 1, 2

SELECT host, t FROM (SELECT host, time AS t FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY time DESC LIMIT 5) x ORDER BY t, host

SELECT count(*) FROM diffdb.cpu WHERE measure_value::double BETWEEN 10 AND -10

SELECT count(*) FROM diffdb.cpu WHERE measure_value::bigint IN (0, 2.5, 100)

SELECT measure_value::bigint + measure_value::bigint * 0.5, measure_value::bigint - 0.25 FROM diffdb.cpu WHERE host = 'h03' AND measure_name = 'requests' ORDER BY time

SELECT x, count(*) FROM (SELECT measure_value::double * -1 AS x FROM diffdb.cpu WHERE measure_value::double = 0 UNION ALL SELECT 0.0) t GROUP BY x

SELECT try_cast('x1' AS bigint), try_cast('12' AS bigint), try_cast(measure_value::varchar AS double) FROM diffdb.cpu WHERE host = 'h01' AND measure_name = 'status' ORDER BY time LIMIT 3
-- duck: SELECT TRY_CAST('x1' AS bigint), TRY_CAST('12' AS bigint), TRY_CAST(measure_value::varchar AS double) FROM diffdb.cpu WHERE host = 'h01' AND measure_name = 'status' ORDER BY time LIMIT 3

-- More window shapes
SELECT host, time, sum(measure_value::bigint) OVER (PARTITION BY host ORDER BY measure_value::bigint RANGE BETWEEN 100 PRECEDING AND 100 FOLLOWING) FROM diffdb.cpu WHERE measure_name = 'requests' ORDER BY host, time

SELECT host, time, count(*) OVER (PARTITION BY host ORDER BY time RANGE BETWEEN INTERVAL '5' MINUTE PRECEDING AND CURRENT ROW) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, measure_name, time, count(*) OVER (PARTITION BY host ORDER BY measure_name), rank() OVER (PARTITION BY region ORDER BY measure_name) FROM diffdb.cpu ORDER BY host, measure_name, time

SELECT host, time, row_number() OVER (PARTITION BY host ORDER BY measure_value::varchar NULLS FIRST, time), rank() OVER (ORDER BY az DESC NULLS LAST) FROM diffdb.cpu WHERE measure_name IN ('status', 'healthy') ORDER BY host, time, 3

SELECT host, time, lag(measure_value::double, 40) OVER (PARTITION BY host ORDER BY time), lead(measure_value::double, 1, 0.0) OVER (PARTITION BY host ORDER BY time DESC) FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, first_value(measure_value::varchar) IGNORE NULLS OVER (PARTITION BY host ORDER BY time), last_value(measure_value::varchar) IGNORE NULLS OVER (PARTITION BY host ORDER BY time) FROM diffdb.cpu WHERE measure_name IN ('status', 'requests') ORDER BY host, time, 3 NULLS FIRST
-- duck: SELECT host, time, first_value(measure_value::varchar IGNORE NULLS) OVER (PARTITION BY host ORDER BY time), last_value(measure_value::varchar IGNORE NULLS) OVER (PARTITION BY host ORDER BY time) FROM diffdb.cpu WHERE measure_name IN ('status', 'requests') ORDER BY host, time, 3 NULLS FIRST

SELECT host, time, avg(measure_value::double) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN 2 FOLLOWING AND 4 FOLLOWING), sum(measure_value::double) OVER (PARTITION BY region ORDER BY time ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) FROM diffdb.cpu WHERE measure_name = 'usage' AND region IS NOT NULL ORDER BY host, time

SELECT host, time, dense_rank() OVER (PARTITION BY host ORDER BY date_trunc('minute', time)), ntile(3) OVER (ORDER BY time, host) FROM diffdb.cpu WHERE measure_name = 'healthy' ORDER BY host, time

SELECT host, count(*), sum(count(*)) OVER (), avg(sum(measure_value::double)) OVER (PARTITION BY region) FROM diffdb.cpu GROUP BY host, region ORDER BY host

SELECT host, time, count(DISTINCT measure_name) OVER (PARTITION BY host) FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time

SELECT host, time, measure_value::double FROM (SELECT host, time, measure_value::double, lag(measure_value::double) OVER (PARTITION BY host ORDER BY time) AS prev FROM diffdb.cpu WHERE measure_name = 'usage') t WHERE measure_value::double > prev + 50 ORDER BY host, time

-- More scalar functions
SELECT DISTINCT host, regexp_like(host, '^h0[1-3]$'), regexp_extract(region, '([a-z]+)-', 1), regexp_replace(region, '-', '_'), regexp_extract(region, '[0-9]+') FROM diffdb.cpu WHERE region IS NOT NULL
-- duck: SELECT DISTINCT host, regexp_matches(host, '^h0[1-3]$'), regexp_extract(region, '([a-z]+)-', 1), regexp_replace(region, '-', '_', 'g'), regexp_extract(region, '[0-9]+') FROM diffdb.cpu WHERE region IS NOT NULL

SELECT DISTINCT region, split(region, '-'), cardinality(split(region, '-')), element_at(split(region, '-'), -1) FROM diffdb.cpu WHERE region IS NOT NULL
-- duck: SELECT DISTINCT region, string_split(region, '-'), len(string_split(region, '-')), string_split(region, '-')[-1] FROM diffdb.cpu WHERE region IS NOT NULL

SELECT levenshtein_distance('kitten', 'sitting'), hamming_distance('karolin', 'kathrin'), chr(65), codepoint('A'), strpos('banana', 'an', 2), strrpos('banana', 'an')
-- duck: SELECT levenshtein('kitten', 'sitting'), hamming('karolin', 'kathrin'), chr(65), unicode('A'), 4, 4

SELECT truncate(-2.75), truncate(2.75), bitwise_and(12, 10), bitwise_or(12, 10), bitwise_xor(12, 10), bitwise_not(5), from_base('ff', 16), to_base(255, 2)
-- duck: SELECT trunc(-2.75::DOUBLE), trunc(2.75::DOUBLE), 12 & 10, 12 | 10, xor(12, 10), ~5, 255, bin(255)

SELECT host, time, bitwise_and(measure_value::bigint, 255), measure_value::bigint % 256 FROM diffdb.cpu WHERE measure_name = 'requests' AND measure_value::bigint >= 0 ORDER BY host, time
-- duck: SELECT host, time, measure_value::bigint & 255, measure_value::bigint % 256 FROM diffdb.cpu WHERE measure_name = 'requests' AND measure_value::bigint >= 0 ORDER BY host, time

SELECT ARRAY[1, 2, 3], ARRAY['a', NULL], cardinality(ARRAY[1, 2]), contains(ARRAY[1, 2], 2), array_join(ARRAY['a', 'b'], '-'), ARRAY[3, 1, 2][2]
-- duck: SELECT [1, 2, 3], ['a', NULL], len([1, 2]), list_contains([1, 2], 2), array_to_string(['a', 'b'], '-'), [3, 1, 2][2]

SELECT array_sort(ARRAY[3, 1, 2]), array_distinct(ARRAY[1, 1, 2]), array_max(ARRAY[4, 9, 2]), array_min(ARRAY[4, 9, 2]), array_position(ARRAY[5, 6, 7], 6), reverse(ARRAY[1, 2, 3]), slice(ARRAY[1, 2, 3, 4], 2, 2)
-- duck: SELECT list_sort([3, 1, 2]), [1, 2], list_max([4, 9, 2]), list_min([4, 9, 2]), list_position([5, 6, 7], 6), list_reverse([1, 2, 3]), [2, 3]

SELECT sequence(1, 5), sequence(5, 1), sequence(0, 10, 3)
-- duck: SELECT range(1, 6), range(5, 0, -1), range(0, 11, 3)

-- More time functions
SELECT host, time, date_add('minute', 5, time), date_add('hour', -2, time) FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time
-- duck: SELECT host, time, time + INTERVAL 5 MINUTE, time - INTERVAL 2 HOUR FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time

SELECT host, date_diff('second', min(time), max(time)), date_diff('minute', min(time), max(time)), date_diff('millisecond', min(time), max(time)) FROM diffdb.cpu GROUP BY host ORDER BY host
-- duck: SELECT host, date_sub('second', min(time), max(time)), date_sub('minute', min(time), max(time)), date_sub('millisecond', min(time), max(time)) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, time, to_unixtime(time), date_format(time, '%Y-%m-%d %H:%i:%s'), week(time), date_trunc('week', time) FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time
-- duck: SELECT host, time, epoch(time), strftime(time, '%Y-%m-%d %H:%M:%S'), week(time), date_trunc('week', time) FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time

SELECT host, count(*) FROM diffdb.cpu WHERE time BETWEEN timestamp '2026-03-10 11:00:00' + interval '15' minute AND date_trunc('hour', timestamp '2026-03-10 11:59:00') + interval '40' minute GROUP BY host ORDER BY host

SELECT date_trunc('minute', time) AS m, count(DISTINCT host) FROM diffdb.cpu GROUP BY 1 HAVING count(DISTINCT host) > 4 ORDER BY 1

SELECT CAST(time AS date), date '2026-03-10' = CAST(time AS date), year(date '2026-03-10'), date '2026-03-10' + interval '3' day FROM diffdb.cpu WHERE host = 'h05' AND measure_name = 'usage' ORDER BY time LIMIT 2
-- duck: SELECT CAST(time AS date), date '2026-03-10' = CAST(time AS date), year(date '2026-03-10'), CAST(date '2026-03-10' + interval '3' day AS DATE) FROM diffdb.cpu WHERE host = 'h05' AND measure_name = 'usage' ORDER BY time LIMIT 2

-- Predicates the scan may prune on: measure_name, dimensions (absent ones are NULL), time across the tier boundary
SELECT measure_name, count(*) FROM diffdb.cpu WHERE measure_name <> 'usage' GROUP BY 1 ORDER BY 1

SELECT measure_name, count(*) FROM diffdb.cpu WHERE measure_name NOT IN ('usage', 'status') GROUP BY 1 ORDER BY 1

SELECT measure_name, count(*) FROM diffdb.cpu WHERE measure_name LIKE 'h%' OR measure_name LIKE '%s' GROUP BY 1 ORDER BY 1

SELECT count(*) FROM diffdb.cpu WHERE measure_name IS NULL

SELECT measure_name, host, count(*) FROM diffdb.cpu WHERE measure_name = 'usage' OR host = 'h01' GROUP BY 1, 2 ORDER BY 1, 2

SELECT measure_name, count(*) FROM diffdb.cpu WHERE time > timestamp '2026-03-10 11:45:00' OR measure_name = 'status' GROUP BY 1 ORDER BY 1

SELECT host, count(*) FROM diffdb.cpu WHERE NOT (time < timestamp '2026-03-10 11:31:00') AND NOT (measure_name = 'usage') GROUP BY host ORDER BY host

SELECT host, count(*) FROM diffdb.cpu WHERE timestamp '2026-03-10 11:29:00' < time AND time <= timestamp '2026-03-10 11:31:00' GROUP BY host ORDER BY host

SELECT count(*) FROM diffdb.cpu WHERE time + interval '1' hour > timestamp '2026-03-10 12:40:00'

SELECT host, time FROM diffdb.cpu WHERE time = (SELECT min(time) FROM diffdb.cpu WHERE host = 'h04') ORDER BY host, time

SELECT count(*) FROM diffdb.cpu WHERE time IN (SELECT time FROM diffdb.cpu WHERE host = 'h03' AND measure_name = 'status')

SELECT region, count(*) FROM diffdb.cpu WHERE region <> 'eu-west-1' GROUP BY region ORDER BY region

SELECT count(*) FROM diffdb.cpu WHERE NOT (region = 'eu-west-1')

SELECT count(*) FROM diffdb.cpu WHERE region = 'us-east-1' OR az IS NULL

SELECT count(*) FROM diffdb.cpu WHERE az IS NULL AND measure_name = 'usage'

SELECT count(*) FROM diffdb.cpu WHERE az = region

SELECT count(*) FROM diffdb.cpu WHERE host = 'h0' || '1'

SELECT count(*) FROM diffdb.cpu WHERE lower(host) = 'h01' OR host = 'H02'

SELECT count(*) FROM diffdb.cpu WHERE host IN ('h01', 'h01', 'h99')

SELECT count(*) FROM diffdb.cpu WHERE 1 = 0

SELECT count(*) FROM diffdb.cpu WHERE NULL

SELECT DISTINCT 1 FROM diffdb.cpu

SELECT 1 FROM diffdb.cpu WHERE host = 'h05' AND measure_name = 'status'

SELECT count(*) FROM diffdb.metrics WHERE measure_name = 'net' AND load IS NULL

SELECT host, count(load) FROM diffdb.metrics WHERE measure_name = 'net' GROUP BY host ORDER BY host

SELECT count(*) FROM "diffdb"."cpu" WHERE "host" = 'h01' AND "measure_value::double" > 0

-- Timestream idioms: pivots, bins, ago, shorthand intervals, epoch conversions, UNNEST
SELECT host, time, max(CASE WHEN measure_name = 'usage' THEN measure_value::double END) AS usage, max(CASE WHEN measure_name = 'requests' THEN measure_value::bigint END) AS requests, max(CASE WHEN measure_name = 'healthy' THEN measure_value::boolean END) AS healthy FROM diffdb.cpu GROUP BY host, time ORDER BY host, time

SELECT host, sum(CASE WHEN measure_name = 'usage' THEN measure_value::double ELSE 0 END), count(CASE WHEN measure_value::varchar = 'ok' THEN 1 END) FROM diffdb.cpu GROUP BY host ORDER BY host

SELECT host, bin(time, 5m) AS b, avg(measure_value::double), count(*) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host, bin(time, 5m) ORDER BY host, b
-- duck: SELECT host, time_bucket(INTERVAL '5 minutes', time) AS b, avg(measure_value::double), count(*) FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host, time_bucket(INTERVAL '5 minutes', time) ORDER BY host, b

SELECT bin(time, 1h), count(*) FROM diffdb.cpu GROUP BY 1 ORDER BY 1
-- duck: SELECT time_bucket(INTERVAL '1 hour', time), count(*) FROM diffdb.cpu GROUP BY 1 ORDER BY 1

SELECT bin(time, 7s) AS b, count(*) FROM diffdb.cpu WHERE host = 'h02' GROUP BY 1 ORDER BY 1
-- duck: SELECT make_timestamp((epoch_us(time) // 7000000) * 7000000) AS b, count(*) FROM diffdb.cpu WHERE host = 'h02' GROUP BY 1 ORDER BY 1

SELECT bin(time, 250ms) AS b, count(*) FROM diffdb.cpu WHERE host = 'h03' AND measure_name = 'usage' GROUP BY 1 ORDER BY 1
-- duck: SELECT make_timestamp((epoch_us(time) // 250000) * 250000) AS b, count(*) FROM diffdb.cpu WHERE host = 'h03' AND measure_name = 'usage' GROUP BY 1 ORDER BY 1

SELECT host, count(*) FROM diffdb.cpu WHERE time > ago(1h) GROUP BY host ORDER BY host
-- duck: SELECT host, count(*) FROM diffdb.cpu WHERE time > timestamp '2026-03-10 11:30:00' GROUP BY host ORDER BY host

SELECT host, count(*) FROM diffdb.cpu WHERE time BETWEEN ago(75m) AND now() - 45m GROUP BY host ORDER BY host
-- duck: SELECT host, count(*) FROM diffdb.cpu WHERE time BETWEEN timestamp '2026-03-10 11:15:00' AND timestamp '2026-03-10 11:45:00' GROUP BY host ORDER BY host

SELECT host, time, time - 30s, time + 1h, time + 2d FROM diffdb.cpu WHERE measure_name = 'healthy' ORDER BY host, time
-- duck: SELECT host, time, time - INTERVAL 30 SECOND, time + INTERVAL 1 HOUR, time + INTERVAL 2 DAY FROM diffdb.cpu WHERE measure_name = 'healthy' ORDER BY host, time

SELECT host, time, to_milliseconds(time), from_milliseconds(to_milliseconds(time)), to_nanoseconds(time) FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time
-- duck: SELECT host, time, epoch_ms(time), epoch_ms(epoch_ms(time)), epoch_ns(time) FROM diffdb.cpu WHERE measure_name = 'status' ORDER BY host, time

SELECT x FROM UNNEST(ARRAY[3, 1, 2]) AS t(x)
-- duck: SELECT unnest([3, 1, 2]) AS x

SELECT c.region, t.part, count(*) FROM (SELECT DISTINCT region FROM diffdb.cpu WHERE region IS NOT NULL) c CROSS JOIN UNNEST(split(c.region, '-')) AS t(part) GROUP BY 1, 2 ORDER BY 1, 2
-- duck: SELECT region, part, count(*) FROM (SELECT region, unnest(string_split(region, '-')) AS part FROM (SELECT DISTINCT region FROM diffdb.cpu WHERE region IS NOT NULL) c) GROUP BY 1, 2 ORDER BY 1, 2

SELECT host AS time, count(*) FROM diffdb.cpu GROUP BY host ORDER BY time

SELECT host, count(*) FROM diffdb.cpu GROUP BY 1 ORDER BY count(*) DESC, 1

-- Results that span many batches: every row, every instant, large joins
SELECT * FROM diffdb.cpu ORDER BY host, measure_name, time

SELECT * FROM diffdb.cpu

SELECT time, count(*), sum(measure_value::double) FROM diffdb.cpu GROUP BY time ORDER BY time

SELECT count(DISTINCT time), count(DISTINCT measure_value::double), count(DISTINCT measure_value::bigint) FROM diffdb.cpu

SELECT DISTINCT time FROM diffdb.cpu WHERE measure_name = 'usage'

SELECT a.host, count(*), sum(a.measure_value::double), max(b.measure_value::bigint) FROM diffdb.cpu a JOIN diffdb.cpu b ON a.host = b.host AND a.measure_name = 'usage' AND b.measure_name = 'requests' GROUP BY a.host ORDER BY a.host

SELECT a.host, count(*) FROM diffdb.cpu a JOIN diffdb.cpu b ON a.host = b.host AND a.time < b.time WHERE a.measure_name = 'status' AND b.measure_name = 'status' GROUP BY a.host ORDER BY a.host

SELECT count(*) FROM (SELECT DISTINCT host FROM diffdb.cpu) a CROSS JOIN (SELECT DISTINCT time FROM diffdb.cpu WHERE host = 'h01') b

SELECT host, measure_name, time FROM diffdb.cpu ORDER BY time DESC, host, measure_name OFFSET 1000 LIMIT 7

SELECT host, time FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time OFFSET 100000

SELECT host, measure_name, count(*) FROM (SELECT host, measure_name FROM diffdb.cpu UNION ALL SELECT host, measure_name FROM diffdb.cpu UNION ALL SELECT host, measure_name FROM diffdb.metrics UNION ALL SELECT host, measure_name FROM diffdb.hosts) t GROUP BY 1, 2 ORDER BY 1, 2

-- Assorted shapes
SELECT count(*) FROM diffdb.cpu GROUP BY ()

SELECT * FROM (SELECT 1 AS a, 'x' AS b) t

SELECT count(*) FROM (SELECT 1) t

SELECT h.host, (SELECT max(c.measure_value::double) FROM diffdb.cpu c WHERE c.host = h.host AND c.measure_name = 'nope') FROM diffdb.hosts h ORDER BY h.host

SELECT h.host FROM diffdb.hosts h WHERE EXISTS (SELECT 1 FROM diffdb.cpu c WHERE c.host = h.host AND c.region = h.tier) ORDER BY h.host

SELECT c.host, c.time FROM diffdb.cpu c WHERE c.measure_name = 'requests' AND c.measure_value::bigint > (SELECT avg(d.measure_value::bigint) FROM diffdb.cpu d WHERE d.host = c.host AND d.measure_name = c.measure_name AND d.time < c.time) ORDER BY c.host, c.time

SELECT DISTINCT host, count(*) OVER (PARTITION BY host) FROM diffdb.cpu

SELECT host, sum(measure_value::double) AS s, rank() OVER (ORDER BY sum(measure_value::double) DESC) AS r FROM diffdb.cpu WHERE measure_name = 'usage' GROUP BY host HAVING count(*) > 10 ORDER BY r, host LIMIT 4

SELECT t.host, t.n FROM (SELECT host, count(*) AS n FROM (SELECT host FROM (SELECT host, measure_name FROM diffdb.cpu WHERE measure_name IN (SELECT measure_name FROM diffdb.cpu WHERE host = 'h08')) a) b GROUP BY host) t ORDER BY t.host

SELECT host, measure_value::varchar FROM diffdb.cpu WHERE measure_name = 'status' GROUP BY host, measure_value::varchar ORDER BY measure_value::varchar, host

SELECT 0.1 + 0.2, 1.5 * 4, 10 / 4.0, 2.5e3, -0.5 - 1, 3 * -2

SELECT host, time, measure_value::double FROM diffdb.cpu WHERE measure_name = 'usage' AND time BETWEEN (SELECT min(time) FROM diffdb.cpu WHERE host = 'h02') AND (SELECT min(time) FROM diffdb.cpu WHERE host = 'h02') + interval '2' minute ORDER BY host, time

-- Window results in expressions and orderings, quantified comparisons with VALUES, LIMIT ALL
SELECT host, time, row_number() OVER (PARTITION BY host ORDER BY time) * 2 + 1, CASE WHEN rank() OVER (PARTITION BY host ORDER BY measure_value::double DESC) <= 3 THEN 'top' ELSE 'rest' END FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY host, time

SELECT host, time, measure_value::double FROM diffdb.cpu WHERE measure_name = 'usage' ORDER BY row_number() OVER (PARTITION BY host ORDER BY measure_value::double DESC, time), host LIMIT 8

SELECT host, time FROM diffdb.cpu WHERE measure_name = 'healthy' ORDER BY row_number() OVER (ORDER BY time DESC, host)

SELECT count(*) FROM diffdb.cpu WHERE measure_value::bigint = ANY (VALUES 0, 1, 2)
-- duck: SELECT count(*) FROM diffdb.cpu WHERE measure_value::bigint = ANY (VALUES (0), (1), (2))

SELECT host FROM diffdb.hosts WHERE measure_value::bigint > ALL (VALUES 100, 300) ORDER BY host
-- duck: SELECT host FROM diffdb.hosts WHERE measure_value::bigint > ALL (VALUES (100), (300)) ORDER BY host

SELECT host, time FROM diffdb.cpu WHERE measure_name = 'healthy' ORDER BY host, time LIMIT ALL
-- duck: SELECT host, time FROM diffdb.cpu WHERE measure_name = 'healthy' ORDER BY host, time

SELECT host FROM diffdb.cpu WHERE measure_name = 'status' UNION SELECT host FROM diffdb.hosts ORDER BY 1 DESC LIMIT 3

SELECT a.host, b.host FROM diffdb.hosts a JOIN diffdb.hosts b ON a.owner IS NOT DISTINCT FROM b.owner AND a.host < b.host ORDER BY 1, 2

SELECT host, time, s FROM (SELECT host, time, sum(measure_value::double) OVER (PARTITION BY host ORDER BY time ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS s FROM diffdb.cpu WHERE measure_name = 'usage') t WHERE s > 200 ORDER BY host, time

SELECT host, avg(d) FROM (SELECT host, measure_value::double - lag(measure_value::double) OVER (PARTITION BY host ORDER BY time) AS d FROM diffdb.cpu WHERE measure_name = 'usage') t GROUP BY host ORDER BY host

SELECT region, host, sum(measure_value::double), sum(sum(measure_value::double)) OVER (PARTITION BY region ORDER BY host) FROM diffdb.cpu WHERE region IS NOT NULL GROUP BY region, host ORDER BY region, host

-- Star forms and windows in subqueries
SELECT c.*, h.owner FROM diffdb.cpu c JOIN diffdb.hosts h ON c.host = h.host WHERE c.measure_name = 'status' ORDER BY c.host, c.time

SELECT *, 1 FROM diffdb.hosts ORDER BY host

SELECT t.* FROM (VALUES (1, 'x'), (2, 'y')) AS t(a, b) ORDER BY a
-- duck: SELECT t.* FROM (VALUES (1, 'x'), (2, 'y')) AS t(a, b) ORDER BY a

SELECT * FROM diffdb.hosts a CROSS JOIN diffdb.hosts b WHERE a.tier = 'gold' AND b.tier = 'silver'

SELECT h.host, (SELECT max(rn) FROM (SELECT row_number() OVER (ORDER BY time) AS rn FROM diffdb.cpu c WHERE c.host = h.host) t) FROM diffdb.hosts h ORDER BY h.host

SELECT host, time FROM diffdb.cpu c WHERE measure_name = 'usage' AND time = (SELECT max(time) FROM diffdb.cpu d WHERE d.host = c.host AND d.measure_name = 'usage') ORDER BY host
