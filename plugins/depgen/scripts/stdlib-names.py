# Prints the top-level standard-library module names of the interpreter that runs it, as JSON.
# assets/python/stdlib.json is the union of its output under CPython 3.8 to 3.13:
#   for v in 3.8 3.9 3.10 3.11 3.12 3.13; do python$v scripts/stdlib-names.py; done
# 3.10+ have sys.stdlib_module_names; 3.8 and 3.9 are listed from their stdlib directories
# (test-only modules such as _testcapi and xxsubtype are left out).
import json
import os
import pkgutil
import sys
import sysconfig

if hasattr(sys, 'stdlib_module_names'):
    names = set(sys.stdlib_module_names)
else:
    names = set(sys.builtin_module_names)
    stdlib = sysconfig.get_paths()['stdlib']
    for module in pkgutil.iter_modules([stdlib, os.path.join(stdlib, 'lib-dynload')]):
        names.add(module.name)
    names = {n for n in names if n != 'test' and not n.startswith(('_test', 'xx', '_xx', '_sysconfigdata', '_ctypes_test'))}
    names.discard('site-packages')
print(json.dumps(sorted(names)))
