"""Back-office pages of the actor registry: stakeholders and actor groups (``registry``), bodies
(``bodies``) and the actor map (``actor_map``). All need a member of the district; every write
goes through one service of ``kreiskurs/actors/services.py``."""
