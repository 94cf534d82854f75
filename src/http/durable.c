/*
 * Group commit. With --durability group the store's commits are not
 * flushed one by one; before a change is acknowledged, its request waits
 * for a flush of the write-ahead log that began after its commit. Whoever
 * finds no flush under way does one for everyone waiting (a leader), so
 * concurrent changes share one flush instead of paying one each. Nothing
 * acknowledged is lost: the answer leaves only after the flush returned.
 */
#include <pthread.h>
#include <stdint.h>

#include "durable.h"

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_done = PTHREAD_COND_INITIALIZER;
static uint64_t g_ticket, g_flushed;
static bool g_flushing;
static int g_error;

int http_durable_wait(ss_store *st)
{
	uint64_t mine;
	int error = 0;

	pthread_mutex_lock(&g_lock);
	mine = ++g_ticket; /* taken after this request's commit */
	while (g_flushed < mine) {
		if (!g_flushing) {
			uint64_t upto = g_ticket; /* every commit before this flush starts */

			g_flushing = true;
			pthread_mutex_unlock(&g_lock);
			error = ss_store_sync(st);
			pthread_mutex_lock(&g_lock);
			g_flushing = false;
			g_error = error;
			if (error == 0)
				g_flushed = upto;
			pthread_cond_broadcast(&g_done);
			if (error < 0)
				break;
		} else {
			pthread_cond_wait(&g_done, &g_lock);
			if (g_error < 0 && g_flushed < mine) {
				error = g_error;
				break;
			}
		}
	}
	pthread_mutex_unlock(&g_lock);
	return error;
}
