/* The one helper of the ss_tree interface (formats/tree.h). */
#include <stdlib.h>

#include "formats/tree.h"

void ss_tree_names_free(char **names)
{
	if (!names)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}
