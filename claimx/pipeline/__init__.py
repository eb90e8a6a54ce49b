"""claimx's spaCy components, one module per concern.

Importing a module registers its factory; :mod:`claimx.pipeline.build` imports them all, and the
``spacy_factories`` entry points let ``nlp.add_pipe("claimx_money")`` find them in any pipeline.
"""
