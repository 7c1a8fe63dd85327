// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-VServer - security contexts
 */

#include "context.h"

struct vx_global_stats vx_global_stats;
