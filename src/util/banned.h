/* Functions that are easy to misuse; the compiler refuses them in secspec code. */
#ifndef SS_BANNED_H
#define SS_BANNED_H

#define SS_BANNED(func) sorry_##func##_is_banned_in_secspec

#undef strcpy
#define strcpy(x, y) SS_BANNED(strcpy)
#undef strcat
#define strcat(x, y) SS_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) SS_BANNED(strncpy)
#undef sprintf
#define sprintf(...) SS_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) SS_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) SS_BANNED(strtok)
#undef atoi
#define atoi(x) SS_BANNED(atoi)
#undef atol
#define atol(x) SS_BANNED(atol)
#undef gmtime
#define gmtime(x) SS_BANNED(gmtime)
#undef localtime
#define localtime(x) SS_BANNED(localtime)
#undef gets
#define gets(x) SS_BANNED(gets)

#endif
