/* secspec: everything a front end needs. */
#ifndef SECSPEC_H
#define SECSPEC_H

#include "secspec/common.h"
#include "secspec/buf.h"
#include "secspec/store.h"
#include "secspec/catalog.h"
#include "secspec/project.h"
#include "secspec/assess.h"
#include "secspec/decision.h"
#include "secspec/lint.h"
#include "secspec/render.h"
#include "secspec/ledger.h"
#include "secspec/demo.h"
#include "secspec/keys.h"
#include "secspec/evidence.h"
#include "secspec/refs.h"
#include "secspec/change.h"
#include "secspec/negotiate.h"
#include "secspec/progress.h"
#include "secspec/proposal.h"
#include "secspec/account.h"
#include "secspec/session.h"
#include "secspec/sync.h"

#endif
