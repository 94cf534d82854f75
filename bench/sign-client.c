/*
 * The signing client of bench/web-write.sh: THREADS threads, each the lead
 * of its own project, record decisions through secspec serve for SECONDS
 * seconds the way a browser does — POST the change (202 with the bodies to
 * sign), sign each body with the Ed25519 key, POST again with the
 * signatures (201). Prints the changes acknowledged, the rate and the
 * 50/99 % latency of a whole change (both requests), and how many answers
 * were neither 201 nor a 409 that was signed again.
 *
 *   secspec-bench-sign URL LOGIN PASSWORD KEY.pem PROJECT-PREFIX ITEM THREADS SECONDS
 *
 * Projects are PREFIX0, PREFIX1 …; each has ITEM drafted and the key
 * registered to LOGIN.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
	char *ptr;
	size_t len;
} buf;

static const char *g_url, *g_login, *g_password, *g_prefix, *g_item;
static EVP_PKEY *g_key;
static char g_fpr[65];
static double g_seconds;

typedef struct {
	int id;
	long done, errors;
	double *lat;
	size_t nlat, alat;
} worker;

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
	buf *b = ud;
	char *q = realloc(b->ptr, b->len + size * n + 1);

	if (!q)
		return 0;
	memcpy(q + b->len, p, size * n);
	b->ptr = q;
	b->len += size * n;
	b->ptr[b->len] = '\0';
	return size * n;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* POST body to path; the answer's JSON into *out; returns the status. */
static long post(CURL *c, struct curl_slist *h, const char *path, const char *body, json_t **out)
{
	char url[512];
	buf b = {0};
	long status = 0;

	snprintf(url, sizeof(url), "%s%s", g_url, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	*out = b.ptr ? json_loads(b.ptr, 0, NULL) : NULL;
	free(b.ptr);
	return status;
}

static void sign_hex(const char *msg, char out[129])
{
	unsigned char sig[64];
	size_t len = sizeof(sig);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int i;

	EVP_DigestSignInit(ctx, NULL, NULL, NULL, g_key);
	EVP_DigestSign(ctx, sig, &len, (const unsigned char *)msg, strlen(msg));
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < 64; i++)
		sprintf(out + 2 * i, "%02x", sig[i]);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void *run(void *arg)
{
	worker *w = arg;
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	char path[256], hdr[256], origin[300];
	json_t *j = NULL;
	double end;
	long n = 0;

	curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
	snprintf(origin, sizeof(origin), "Origin: %s", g_url);
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, origin);
	{
		char body[512];

		snprintf(body, sizeof(body), "{\"login\":\"%s\",\"password\":\"%s\"}", g_login,
			 g_password);
		if (post(c, h, "/api/session", body, &j) != 201) {
			fprintf(stderr, "login failed\n");
			exit(2);
		}
		snprintf(hdr, sizeof(hdr), "X-CSRF-Token: %s",
			 json_string_value(json_object_get(j, "csrf")));
		h = curl_slist_append(h, hdr);
		json_decref(j);
	}
	snprintf(path, sizeof(path), "/api/projects/%s%d/decisions", g_prefix, w->id);
	end = now() + g_seconds;
	while (now() < end) {
		json_t *req = json_pack("{s:s, s:s, s:s}", "item", g_item, "policy",
					n % 2 ? "na" : "implement", "fingerprint", g_fpr);
		double t0 = now();
		long status;
		int tries;
		char *body;

		if (n % 2)
			json_object_set_new(req, "reason", json_string("not in scope (bench)"));
		for (tries = 0; tries < 5; tries++) {
			json_t *sign, *sigs, *b;
			size_t i;

			body = json_dumps(req, JSON_COMPACT);
			status = post(c, h, path, body, &j);
			free(body);
			sign = json_object_get(j, "sign");
			if (status == 409 && !sign && tries == 0) {
				/* the item already stands so (a run before this one left
				 * it): take the other policy, not an error */
				json_decref(j);
				j = NULL;
				n++;
				json_object_set_new(req, "policy",
						    json_string(n % 2 ? "na" : "implement"));
				if (n % 2)
					json_object_set_new(req, "reason",
							    json_string("not in scope (bench)"));
				else
					json_object_del(req, "reason");
				body = json_dumps(req, JSON_COMPACT);
				status = post(c, h, path, body, &j);
				free(body);
				sign = json_object_get(j, "sign");
			}
			if ((status != 202 && status != 409) || !sign) {
				char *why = j ? json_dumps(j, JSON_COMPACT) : NULL;

				if (w->errors < 3)
					fprintf(stderr, "sign-client: proposal: %ld %s\n", status,
						why ? why : "");
				free(why);
				if (status == 202 || status == 409)
					status = 0; /* no bodies to sign */
				break;
			}
			sigs = json_array();
			json_array_foreach(json_object_get(sign, "bodies"), i, b) {
				char sig[129];

				sign_hex(json_string_value(b), sig);
				json_array_append_new(sigs, json_string(sig));
			}
			json_object_set(req, "time", json_object_get(sign, "time"));
			json_object_set_new(req, "signatures", sigs);
			json_decref(j);
			j = NULL;
			body = json_dumps(req, JSON_COMPACT);
			status = post(c, h, path, body, &j);
			free(body);
			if (status != 201 && status != 409 && w->errors < 3) {
				char *why = j ? json_dumps(j, JSON_COMPACT) : NULL;

				fprintf(stderr, "sign-client: %ld %s\n", status, why ? why : "");
				free(why);
			}
			json_decref(j);
			j = NULL;
			if (status != 409)
				break;
			json_object_del(req, "signatures");
			json_object_del(req, "time");
		}
		json_decref(j);
		j = NULL;
		json_decref(req);
		if (status == 201) {
			if (w->nlat == w->alat) {
				w->alat = w->alat ? 2 * w->alat : 1024;
				w->lat = realloc(w->lat, w->alat * sizeof(*w->lat));
			}
			w->lat[w->nlat++] = (now() - t0) * 1000;
			w->done++;
		} else {
			w->errors++;
		}
		n++;
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[64];
	worker w[64] = {{0}};
	double *all, t0, elapsed;
	long done = 0, errors = 0;
	size_t n = 0, k;
	int threads, i;
	FILE *f;

	if (argc != 9) {
		fprintf(stderr,
			"usage: %s URL LOGIN PASSWORD KEY.pem PREFIX ITEM THREADS SECONDS\n",
			argv[0]);
		return 64;
	}
	g_url = argv[1];
	g_login = argv[2];
	g_password = argv[3];
	g_prefix = argv[5];
	g_item = argv[6];
	threads = atoi(argv[7]);
	g_seconds = atof(argv[8]);
	if (threads < 1 || threads > 64 || !(f = fopen(argv[4], "r")))
		return 64;
	g_key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (!g_key)
		return 64;
	{
		unsigned char raw[32], md[32];
		size_t len = sizeof(raw);

		EVP_PKEY_get_raw_public_key(g_key, raw, &len);
		EVP_Digest(raw, len, md, NULL, EVP_sha256(), NULL);
		for (i = 0; i < 32; i++)
			sprintf(g_fpr + 2 * i, "%02x", md[i]);
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	t0 = now();
	for (i = 0; i < threads; i++) {
		w[i].id = i;
		pthread_create(&th[i], NULL, run, &w[i]);
	}
	for (i = 0; i < threads; i++) {
		pthread_join(th[i], NULL);
		done += w[i].done;
		errors += w[i].errors;
		n += w[i].nlat;
	}
	elapsed = now() - t0;
	all = malloc((n ? n : 1) * sizeof(*all));
	for (i = 0, k = 0; i < threads; i++) {
		memcpy(all + k, w[i].lat, w[i].nlat * sizeof(*all));
		k += w[i].nlat;
		free(w[i].lat);
	}
	qsort(all, n, sizeof(*all), cmp);
	printf("%ld %.1f %.2f %.2f %ld\n", done, (double)done / elapsed, n ? all[n / 2] : 0.0,
	       n ? all[(size_t)((double)n * 0.99)] : 0.0, errors);
	free(all);
	EVP_PKEY_free(g_key);
	curl_global_cleanup();
	return 0;
}
